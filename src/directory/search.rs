//! The in-memory people search behind search-as-you-type: an inverted index
//! from folded words to the people whose name, email, title, org units, tags
//! or notes contain them, queried by word prefixes and ranked.
//!
//! Why not SQLite's FTS5: ranked prefix queries there cost ~4 µs per matching
//! person, so a one-letter query on 100,000 people took ~100 ms; this index
//! answers the same query in a few milliseconds (see `bench/search.rs`). The
//! store builds it from the database and rebuilds it when the data changes.

use super::PersonId;

/// The searchable columns of a person, best first. Each holds folded text.
pub const COLUMNS: usize = 6;
/// How much a word found in each column counts: name, email, title, org
/// units, tags and skills, notes.
const WEIGHTS: [f32; COLUMNS] = [10.0, 5.0, 3.0, 2.0, 2.0, 0.5];
/// A query word equal to a whole indexed word counts this much more than a
/// word it only begins ("ann" ranks Ann above Annabel).
const EXACT_BONUS: f32 = 1.5;

/// One indexed person: their id, the key they sort by when scores tie, and
/// the folded text of each column.
#[derive(Debug, Clone)]
pub struct Document {
    pub id: PersonId,
    pub name_key: String,
    pub columns: [String; COLUMNS],
}

/// The people (by position) holding one word, each with a bit per column
/// where the word occurs.
type Postings = Vec<(u32, u8)>;

/// An inverted index over people.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Ascending, so that a person's position is found by binary search.
    ids: Vec<PersonId>,
    name_keys: Vec<String>,
    /// Each person's position in name order, for ties.
    name_rank: Vec<u32>,
    /// Sorted words, each with the people (by position in `ids`) whose text
    /// holds it, and a bit per column where it occurs.
    terms: Vec<(Box<str>, Postings)>,
}

/// A person who matches every word of a query, with their score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub id: PersonId,
    pub score: f32,
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

impl SearchIndex {
    /// Builds the index. Documents must already be folded
    /// ([`crate::text::fold`]); the store does that.
    pub fn build(docs: Vec<Document>) -> SearchIndex {
        // Words go through a hash map first: sorting the ~50,000 distinct words
        // is far cheaper than sorting the ~2,000,000 occurrences.
        let mut dict: crate::text::FastMap<&str, u32> = crate::text::FastMap::default();
        let mut postings: Vec<Postings> = Vec::new();
        for (d, doc) in docs.iter().enumerate() {
            for (c, text) in doc.columns.iter().enumerate() {
                for w in words(text) {
                    let t = *dict.entry(w).or_insert_with(|| {
                        postings.push(Vec::new());
                        (postings.len() - 1) as u32
                    });
                    let list = &mut postings[t as usize];
                    match list.last_mut() {
                        Some((pd, mask)) if *pd == d as u32 => *mask |= 1 << c,
                        _ => list.push((d as u32, 1 << c)),
                    }
                }
            }
        }
        let mut order: Vec<(&str, u32)> = dict.into_iter().collect();
        order.sort_unstable();
        let mut postings: Vec<Option<Postings>> = postings.into_iter().map(Some).collect();
        let terms =
            order.into_iter().map(|(w, t)| (w.into(), postings[t as usize].take().unwrap_or_default())).collect();
        let (ids, name_keys) = docs.into_iter().map(|d| (d.id, d.name_key)).unzip();
        let mut index = SearchIndex { ids, name_keys, name_rank: Vec::new(), terms };
        index.rank_names();
        index
    }

    /// Ties in score go by name; a rank per person makes that an integer compare.
    fn rank_names(&mut self) {
        let mut by_name: Vec<u32> = (0..self.ids.len() as u32).collect();
        by_name.sort_by(|&a, &b| {
            let (a, b) = (a as usize, b as usize);
            self.name_keys[a].cmp(&self.name_keys[b]).then(self.ids[a].cmp(&self.ids[b]))
        });
        self.name_rank = vec![0u32; self.ids.len()];
        for (rank, &d) in by_name.iter().enumerate() {
            self.name_rank[d as usize] = rank as u32;
        }
    }

    /// Re-indexes one person after an edit, in place: their old words are
    /// taken out and the new ones put in. Much cheaper than a rebuild, so an
    /// edit in the app never stalls the next keystroke. Returns false (and
    /// changes nothing) when the person is not in the index.
    pub fn replace(&mut self, old: &Document, new: &Document) -> bool {
        let Ok(pos) = self.ids.binary_search(&new.id) else { return false };
        let d = pos as u32;
        for text in &old.columns {
            for w in words(text) {
                if let Ok(t) = self.terms.binary_search_by(|(term, _)| (**term).cmp(w))
                    && let Ok(i) = self.terms[t].1.binary_search_by_key(&d, |&(pd, _)| pd)
                {
                    self.terms[t].1.remove(i);
                }
            }
        }
        for (c, text) in new.columns.iter().enumerate() {
            for w in words(text) {
                let t = match self.terms.binary_search_by(|(term, _)| (**term).cmp(w)) {
                    Ok(t) => t,
                    Err(t) => {
                        self.terms.insert(t, (w.into(), Vec::new()));
                        t
                    }
                };
                let postings = &mut self.terms[t].1;
                match postings.binary_search_by_key(&d, |&(pd, _)| pd) {
                    Ok(i) => postings[i].1 |= 1 << c,
                    Err(i) => postings.insert(i, (d, 1 << c)),
                }
            }
        }
        if self.name_keys[pos] != new.name_key {
            self.name_keys[pos] = new.name_key.clone();
            self.rank_names();
        }
        true
    }

    /// How many people are indexed.
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Everyone matching every word of `query` (each word as a prefix of an
    /// indexed word). `allow` can narrow the result (filters), by person id.
    pub fn search(&self, query: &str, allow: Option<&dyn Fn(PersonId) -> bool>) -> Matches<'_> {
        let tokens = crate::text::search_tokens(query);
        if tokens.is_empty() {
            return Matches { index: self, hits: Vec::new() };
        }
        let n = self.ids.len();
        let mut total = vec![0f32; n];
        let mut matched = vec![0u16; n];
        let mut best = vec![0f32; n];
        let mut touched: Vec<u32> = Vec::new();
        for (k, token) in tokens.iter().enumerate() {
            touched.clear();
            let start = self.terms.partition_point(|(t, _)| &**t < token.as_str());
            for (term, postings) in self.terms[start..].iter().take_while(|(t, _)| t.starts_with(token.as_str())) {
                let exact = if term.len() == token.len() { EXACT_BONUS } else { 1.0 };
                for &(d, mask) in postings {
                    let di = d as usize;
                    // Only people who matched every earlier word can still match.
                    if usize::from(matched[di]) != k {
                        continue;
                    }
                    let score = column_score(mask) * exact;
                    if best[di] == 0.0 {
                        touched.push(d);
                    }
                    if score > best[di] {
                        best[di] = score;
                    }
                }
            }
            for &d in &touched {
                let di = d as usize;
                total[di] += best[di];
                best[di] = 0.0;
                matched[di] += 1;
            }
        }
        let want = tokens.len() as u16;
        let hits = touched
            .iter()
            .filter(|&&d| matched[d as usize] == want)
            .map(|&d| (d, total[d as usize]))
            .filter(|&(d, _)| allow.is_none_or(|f| f(self.ids[d as usize])))
            .collect();
        Matches { index: self, hits }
    }
}

/// The people matching a query, not yet ordered.
#[derive(Debug)]
pub struct Matches<'a> {
    index: &'a SearchIndex,
    hits: Vec<(u32, f32)>,
}

impl Matches<'_> {
    /// How many people match.
    pub fn len(&self) -> usize {
        self.hits.len()
    }

    pub fn is_empty(&self) -> bool {
        self.hits.is_empty()
    }

    /// Every matching person's id, in no particular order.
    pub fn ids(&self) -> Vec<PersonId> {
        self.hits.iter().map(|&(d, _)| self.index.ids[d as usize]).collect()
    }

    /// One page of the matches, best first (ties by name), or worst first
    /// when `descending`. Only the page is fully sorted.
    pub fn page(mut self, offset: usize, limit: Option<usize>, descending: bool) -> Vec<Hit> {
        let rank = &self.index.name_rank;
        let better = |a: &(u32, f32), b: &(u32, f32)| {
            b.1.total_cmp(&a.1).then_with(|| rank[a.0 as usize].cmp(&rank[b.0 as usize]))
        };
        let cmp = |a: &(u32, f32), b: &(u32, f32)| if descending { better(b, a) } else { better(a, b) };
        let end = limit.map_or(self.hits.len(), |l| offset.saturating_add(l).min(self.hits.len()));
        if end < self.hits.len() && end > 0 {
            self.hits.select_nth_unstable_by(end - 1, cmp);
            self.hits.truncate(end);
        }
        self.hits.sort_unstable_by(cmp);
        let ids = &self.index.ids;
        self.hits.iter().skip(offset).map(|&(d, score)| Hit { id: ids[d as usize], score }).collect()
    }
}

fn column_score(mask: u8) -> f32 {
    (0..COLUMNS).filter(|c| mask & (1 << c) != 0).map(|c| WEIGHTS[c]).fold(0.0, f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: PersonId, name: &str, title: &str, notes: &str) -> Document {
        let f = crate::text::fold;
        Document {
            id,
            name_key: f(name),
            columns: [f(name), String::new(), f(title), String::new(), String::new(), f(notes)],
        }
    }

    fn ids(m: Matches) -> Vec<PersonId> {
        m.page(0, None, false).iter().map(|h| h.id).collect()
    }

    #[test]
    fn every_word_must_match_as_a_prefix() {
        let idx = SearchIndex::build(vec![
            doc(1, "Zoë Ångström", "CIO", ""),
            doc(2, "Zoe Anders", "Engineer", ""),
            doc(3, "Ann Zollner", "Designer", ""),
        ]);
        assert_eq!(ids(idx.search("zoe ang", None)), vec![1]);
        assert_eq!(ids(idx.search("ZOË", None)), vec![2, 1], "accents and case ignored; ties by name");
        assert_eq!(ids(idx.search("an zo", None)), vec![3, 2, 1], "all three match both words; ties by name");
        assert!(idx.search("zoe xyz", None).is_empty());
        let m = idx.search("zo", None);
        assert_eq!(m.len(), 3);
        let page: Vec<_> = m.page(1, Some(1), false).iter().map(|h| h.id).collect();
        assert_eq!(page, vec![2], "second of three by name: Ann Zollner, Zoe Anders, Zoë Ångström");
        assert!(idx.search("  ", None).is_empty());
    }

    #[test]
    fn names_outrank_notes_and_exact_words_outrank_prefixes() {
        let idx = SearchIndex::build(vec![
            doc(1, "Kim Lee", "Analyst", "met the design team"),
            doc(2, "Ann Design", "Analyst", ""),
            doc(3, "Annabel Roe", "Analyst", ""),
            doc(4, "Ann Roe", "Analyst", ""),
        ]);
        assert_eq!(ids(idx.search("design", None)), vec![2, 1]);
        assert_eq!(ids(idx.search("ann", None)), vec![2, 4, 3], "exact 'Ann' first, then Annabel");
    }

    #[test]
    fn replacing_a_document_matches_a_rebuild() {
        let docs =
            vec![doc(1, "Ann Lee", "Analyst", ""), doc(2, "Bob Ray", "Designer", ""), doc(3, "Cy Young", "", "")];
        let mut idx = SearchIndex::build(docs.clone());
        let renamed = doc(2, "Zed Ray", "Chief Analyst", "new notes");
        assert!(idx.replace(&docs[1], &renamed));
        let rebuilt = SearchIndex::build(vec![docs[0].clone(), renamed, docs[2].clone()]);
        for q in ["bob", "zed", "ray", "analyst", "chief", "notes", "a", "designer"] {
            assert_eq!(ids(idx.search(q, None)), ids(rebuilt.search(q, None)), "query {q:?}");
        }
        assert!(idx.search("bob", None).is_empty(), "the old name is gone");
        assert!(!idx.replace(&docs[0], &doc(9, "Nobody", "", "")), "unknown people are not added");
    }

    #[test]
    fn filters_narrow_the_hits() {
        let idx = SearchIndex::build(vec![doc(1, "Ann Lee", "", ""), doc(2, "Ann Roe", "", "")]);
        let only_two = |id: PersonId| id == 2;
        assert_eq!(ids(idx.search("ann", Some(&only_two))), vec![2]);
    }
}

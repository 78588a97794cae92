//! The network for Gephi and other tools: GEXF 1.2 (static, or dynamic with
//! one spell per snapshot) and GraphML, measures as attributes.

use std::fmt::Write;

use crate::text::esc;

/// An attribute's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Double,
    Integer,
    Text,
}

impl Kind {
    fn gexf(self) -> &'static str {
        match self {
            Kind::Double => "double",
            Kind::Integer => "integer",
            Kind::Text => "string",
        }
    }
    fn graphml(self) -> &'static str {
        match self {
            Kind::Double => "double",
            Kind::Integer => "long",
            Kind::Text => "string",
        }
    }
}

/// A value of an attribute.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Double(f64),
    Integer(i64),
    Text(String),
}

impl Value {
    fn show(&self) -> String {
        match self {
            Value::Double(v) if v.is_finite() => format!("{v}"),
            Value::Double(_) => "0".into(),
            Value::Integer(v) => v.to_string(),
            Value::Text(s) => esc(s),
        }
    }
}

/// A time span, as dates (`YYYY-MM-DD`, both included).
pub type Spell = (String, String);

/// One node: its id, label, values (attribute index, value, when), and the
/// spans it exists in (none: always).
#[derive(Debug, Clone, Default)]
pub struct Node {
    pub id: String,
    pub label: String,
    pub values: Vec<(usize, Value, Option<Spell>)>,
    pub spells: Vec<Spell>,
}

/// One tie: its ends (node indices) and weight(s) with their spans.
#[derive(Debug, Clone, Default)]
pub struct Edge {
    pub source: usize,
    pub target: usize,
    /// One weight (static), or one per span it exists in (dynamic).
    pub weights: Vec<(f64, Option<Spell>)>,
}

/// A graph to write.
#[derive(Debug, Clone, Default)]
pub struct Out {
    pub directed: bool,
    pub description: String,
    pub date: String,
    /// Node attributes: (id, type).
    pub attributes: Vec<(String, Kind)>,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

impl Out {
    fn dynamic(&self) -> bool {
        self.nodes.iter().any(|n| !n.spells.is_empty())
            || self.edges.iter().any(|e| e.weights.iter().any(|w| w.1.is_some()))
    }
}

fn spell_attrs((start, end): &Spell) -> String {
    format!(r#" start="{}" end="{}""#, esc(start), esc(end))
}

/// GEXF 1.2 (the version Gephi and NetworkX read).
pub fn gexf(g: &Out) -> String {
    let dynamic = g.dynamic();
    let mut s = String::with_capacity(256 + g.nodes.len() * 300 + g.edges.len() * 120);
    s.push_str(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    s.push('\n');
    s.push_str(
        r#"<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">"#,
    );
    let _ = write!(
        s,
        "\n  <meta lastmodifieddate=\"{}\">\n    <creator>Chorus</creator>\n    <description>{}</description>\n  </meta>\n",
        esc(&g.date),
        esc(&g.description)
    );
    let mode = if dynamic { r#" mode="dynamic" timeformat="date""# } else { r#" mode="static""# };
    let _ = writeln!(s, "  <graph defaultedgetype=\"{}\"{mode}>", if g.directed { "directed" } else { "undirected" });
    let _ = writeln!(s, "    <attributes class=\"node\" mode=\"{}\">", if dynamic { "dynamic" } else { "static" });
    for (i, (id, kind)) in g.attributes.iter().enumerate() {
        let _ = writeln!(s, "      <attribute id=\"{i}\" title=\"{}\" type=\"{}\"/>", esc(id), kind.gexf());
    }
    s.push_str("    </attributes>\n");
    if dynamic {
        s.push_str("    <attributes class=\"edge\" mode=\"dynamic\">\n      <attribute id=\"weight\" title=\"Weight\" type=\"float\"/>\n    </attributes>\n");
    }
    s.push_str("    <nodes>\n");
    for n in &g.nodes {
        let _ = write!(s, "      <node id=\"{}\" label=\"{}\">", esc(&n.id), esc(&n.label));
        if !n.values.is_empty() {
            s.push_str("\n        <attvalues>");
            for (a, v, when) in &n.values {
                let _ = write!(
                    s,
                    "\n          <attvalue for=\"{a}\" value=\"{}\"{}/>",
                    v.show(),
                    when.as_ref().map(spell_attrs).unwrap_or_default()
                );
            }
            s.push_str("\n        </attvalues>");
        }
        if !n.spells.is_empty() {
            s.push_str("\n        <spells>");
            for sp in &n.spells {
                let _ = write!(s, "<spell{}/>", spell_attrs(sp));
            }
            s.push_str("</spells>");
        }
        s.push_str("\n      </node>\n");
    }
    s.push_str("    </nodes>\n    <edges>\n");
    for (i, e) in g.edges.iter().enumerate() {
        let total: f64 = e.weights.iter().map(|w| w.0).sum();
        let _ = write!(
            s,
            "      <edge id=\"{i}\" source=\"{}\" target=\"{}\" weight=\"{}\"",
            esc(&g.nodes[e.source].id),
            esc(&g.nodes[e.target].id),
            Value::Double(total).show()
        );
        if dynamic {
            s.push_str(">\n        <attvalues>");
            for (w, when) in &e.weights {
                let _ = write!(
                    s,
                    "<attvalue for=\"weight\" value=\"{}\"{}/>",
                    Value::Double(*w).show(),
                    when.as_ref().map(spell_attrs).unwrap_or_default()
                );
            }
            s.push_str("</attvalues>\n        <spells>");
            for when in e.weights.iter().filter_map(|w| w.1.as_ref()) {
                let _ = write!(s, "<spell{}/>", spell_attrs(when));
            }
            s.push_str("</spells>\n      </edge>\n");
        } else {
            s.push_str("/>\n");
        }
    }
    s.push_str("    </edges>\n  </graph>\n</gexf>\n");
    s
}

/// GraphML with typed keys (static: dynamic values keep their last span).
pub fn graphml(g: &Out) -> String {
    let mut s = String::with_capacity(256 + g.nodes.len() * 250 + g.edges.len() * 100);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n",
    );
    s.push_str("  <key id=\"label\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n");
    for (i, (id, kind)) in g.attributes.iter().enumerate() {
        let _ =
            writeln!(s, "  <key id=\"d{i}\" for=\"node\" attr.name=\"{}\" attr.type=\"{}\"/>", esc(id), kind.graphml());
    }
    s.push_str("  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n");
    let _ = writeln!(s, "  <graph id=\"G\" edgedefault=\"{}\">", if g.directed { "directed" } else { "undirected" });
    for n in &g.nodes {
        let _ = write!(s, "    <node id=\"{}\"><data key=\"label\">{}</data>", esc(&n.id), esc(&n.label));
        // The last value of each attribute (a static file keeps the latest snapshot).
        let mut last: Vec<Option<&Value>> = vec![None; g.attributes.len()];
        for (a, v, _) in &n.values {
            last[*a] = Some(v);
        }
        for (a, v) in last.iter().enumerate() {
            if let Some(v) = v {
                let _ = write!(s, "<data key=\"d{a}\">{}</data>", v.show());
            }
        }
        s.push_str("</node>\n");
    }
    for e in &g.edges {
        let total: f64 = e.weights.iter().map(|w| w.0).sum();
        let _ = writeln!(
            s,
            "    <edge source=\"{}\" target=\"{}\"><data key=\"weight\">{}</data></edge>",
            esc(&g.nodes[e.source].id),
            esc(&g.nodes[e.target].id),
            Value::Double(total).show()
        );
    }
    s.push_str("  </graph>\n</graphml>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Out {
        Out {
            directed: true,
            description: "test & more".into(),
            date: "2026-12-01".into(),
            attributes: vec![("department".into(), Kind::Text), ("pagerank".into(), Kind::Double)],
            nodes: vec![
                Node {
                    id: "p1".into(),
                    label: "A <1>".into(),
                    values: vec![(0, Value::Text("Sales".into()), None)],
                    spells: vec![],
                },
                Node {
                    id: "p2".into(),
                    label: "B".into(),
                    values: vec![(1, Value::Double(0.5), None)],
                    spells: vec![],
                },
            ],
            edges: vec![Edge { source: 0, target: 1, weights: vec![(3.0, None)] }],
        }
    }

    #[test]
    fn static_files_are_well_formed_and_escaped() {
        let g = small();
        let x = gexf(&g);
        assert!(x.contains(r#"label="A &lt;1&gt;""#) && x.contains("test &amp; more"));
        assert!(x.contains(r#"<edge id="0" source="p1" target="p2" weight="3"/>"#));
        assert!(x.contains(r#"mode="static""#));
        let y = graphml(&g);
        assert!(y.contains(r#"<data key="d1">0.5</data>"#) && y.contains(r#"<data key="weight">3</data>"#));
    }

    #[test]
    fn snapshots_make_a_dynamic_file() {
        let mut g = small();
        let q = |a: &str, b: &str| Some((a.to_owned(), b.to_owned()));
        g.nodes[1].values = vec![
            (1, Value::Double(0.2), q("2026-01-01", "2026-03-31")),
            (1, Value::Double(0.4), q("2026-04-01", "2026-06-30")),
        ];
        g.nodes[1].spells = vec![q("2026-01-01", "2026-06-30").unwrap()];
        g.edges[0].weights = vec![(1.0, q("2026-01-01", "2026-03-31")), (2.0, q("2026-04-01", "2026-06-30"))];
        let x = gexf(&g);
        assert!(x.contains(r#"mode="dynamic" timeformat="date""#));
        assert!(x.contains(r#"<attvalue for="1" value="0.4" start="2026-04-01" end="2026-06-30"/>"#));
        assert!(x.contains(r#"<attvalue for="weight" value="2" start="2026-04-01" end="2026-06-30"/>"#));
        assert!(graphml(&g).contains(r#"<data key="d1">0.4</data>"#), "GraphML keeps the latest value");
    }
}

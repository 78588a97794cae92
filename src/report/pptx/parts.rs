//! The fixed parts of the PowerPoint package: content types, relationships,
//! the presentation, its theme, master, layout and notes master, and the
//! document properties. Kept minimal and in schema order: every part named
//! here exists, and every relationship points at one.

use std::fmt::Write;

use super::super::slide_svg::hex;
use super::super::{Deck, esc, layout};
use crate::charts::Theme;

pub(super) const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
pub(super) const NS_A: &str = "http://schemas.openxmlformats.org/drawingml/2006/main";
pub(super) const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
pub(super) const NS_P: &str = "http://schemas.openxmlformats.org/presentationml/2006/main";
pub(super) const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// One relationship of a part.
pub(super) struct Rel {
    pub id: String,
    pub kind: &'static str,
    pub target: String,
}

pub(super) fn rels(rels: &[Rel]) -> String {
    let mut s = format!("{XML}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">");
    for r in rels {
        let kind = if r.kind.starts_with("http") { r.kind.to_owned() } else { format!("{REL}/{}", r.kind) };
        let _ = write!(s, "<Relationship Id=\"{}\" Type=\"{kind}\" Target=\"{}\"/>", r.id, esc(&r.target));
    }
    s.push_str("</Relationships>");
    s
}

pub(super) fn rel(id: impl Into<String>, kind: &'static str, target: impl Into<String>) -> Rel {
    Rel { id: id.into(), kind, target: target.into() }
}

/// What the package holds, for `[Content_Types].xml`.
pub(super) struct Contents {
    pub slides: usize,
    pub charts: usize,
}

pub(super) fn content_types(c: &Contents) -> String {
    let pml = "application/vnd.openxmlformats-officedocument.presentationml";
    let mut s = format!(
        "{XML}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Default Extension=\"png\" ContentType=\"image/png\"/>\
<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/>"
    );
    if c.charts > 0 {
        s.push_str("<Default Extension=\"xlsx\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"/>");
    }
    let mut over = |part: String, kind: &str| {
        let _ = write!(s, "<Override PartName=\"{part}\" ContentType=\"{kind}\"/>");
    };
    over("/ppt/presentation.xml".into(), &format!("{pml}.presentation.main+xml"));
    over("/ppt/slideMasters/slideMaster1.xml".into(), &format!("{pml}.slideMaster+xml"));
    over("/ppt/slideLayouts/slideLayout1.xml".into(), &format!("{pml}.slideLayout+xml"));
    over("/ppt/notesMasters/notesMaster1.xml".into(), &format!("{pml}.notesMaster+xml"));
    over("/ppt/theme/theme1.xml".into(), "application/vnd.openxmlformats-officedocument.theme+xml");
    over("/ppt/theme/theme2.xml".into(), "application/vnd.openxmlformats-officedocument.theme+xml");
    for i in 1..=c.slides {
        over(format!("/ppt/slides/slide{i}.xml"), &format!("{pml}.slide+xml"));
        over(format!("/ppt/notesSlides/notesSlide{i}.xml"), &format!("{pml}.notesSlide+xml"));
    }
    for i in 1..=c.charts {
        over(format!("/ppt/charts/chart{i}.xml"), "application/vnd.openxmlformats-officedocument.drawingml.chart+xml");
    }
    over("/ppt/presProps.xml".into(), &format!("{pml}.presProps+xml"));
    over("/ppt/viewProps.xml".into(), &format!("{pml}.viewProps+xml"));
    over("/ppt/tableStyles.xml".into(), &format!("{pml}.tableStyles+xml"));
    over("/docProps/core.xml".into(), "application/vnd.openxmlformats-package.core-properties+xml");
    over("/docProps/app.xml".into(), "application/vnd.openxmlformats-officedocument.extended-properties+xml");
    s.push_str("</Types>");
    s
}

pub(super) fn package_rels() -> String {
    rels(&[
        rel("rId1", "officeDocument", "ppt/presentation.xml"),
        rel(
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        rel("rId3", "extended-properties", "docProps/app.xml"),
    ])
}

/// presentation.xml and its relationships; slides are rId(10 + i).
pub(super) fn presentation(slides: usize) -> (String, String) {
    let (w, h) = ((layout::WIDTH * layout::EMU) as i64, (layout::HEIGHT * layout::EMU) as i64);
    let mut s = format!(
        "{XML}<p:presentation xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\" saveSubsetFonts=\"1\">\
<p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>\
<p:notesMasterIdLst><p:notesMasterId r:id=\"rId2\"/></p:notesMasterIdLst><p:sldIdLst>"
    );
    let mut r = vec![
        rel("rId1", "slideMaster", "slideMasters/slideMaster1.xml"),
        rel("rId2", "notesMaster", "notesMasters/notesMaster1.xml"),
        rel("rId3", "theme", "theme/theme1.xml"),
        rel("rId4", "presProps", "presProps.xml"),
        rel("rId5", "viewProps", "viewProps.xml"),
        rel("rId6", "tableStyles", "tableStyles.xml"),
    ];
    for i in 1..=slides {
        let _ = write!(s, "<p:sldId id=\"{}\" r:id=\"rId{}\"/>", 255 + i, 10 + i);
        r.push(rel(format!("rId{}", 10 + i), "slide", format!("slides/slide{i}.xml")));
    }
    let _ = write!(
        s,
        "</p:sldIdLst><p:sldSz cx=\"{w}\" cy=\"{h}\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/>\
<p:defaultTextStyle><a:defPPr><a:defRPr lang=\"en-GB\"/></a:defPPr></p:defaultTextStyle></p:presentation>"
    );
    (s, rels(&r))
}

pub(super) fn pres_props() -> String {
    format!("{XML}<p:presentationPr xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"/>")
}

pub(super) fn view_props() -> String {
    format!(
        "{XML}<p:viewPr xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\">\
<p:normalViewPr><p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"94660\"/></p:normalViewPr>\
<p:gridSpacing cx=\"76200\" cy=\"76200\"/></p:viewPr>"
    )
}

pub(super) fn table_styles() -> String {
    format!("{XML}<a:tblStyleLst xmlns:a=\"{NS_A}\" def=\"{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}\"/>")
}

/// The theme: the brand's colours and font (theme1 for slides, and the
/// same for the notes master's own theme2).
pub(super) fn theme(t: &Theme, name: &str) -> String {
    let font = super::super::layout::family();
    let p = &t.palette.0;
    let accent = |i: usize| hex(p[i % p.len()]);
    let mut s = format!(
        "{XML}<a:theme xmlns:a=\"{NS_A}\" name=\"{}\"><a:themeElements><a:clrScheme name=\"Chorus\">\
<a:dk1><a:srgbClr val=\"{}\"/></a:dk1><a:lt1><a:srgbClr val=\"{}\"/></a:lt1>\
<a:dk2><a:srgbClr val=\"{}\"/></a:dk2><a:lt2><a:srgbClr val=\"{}\"/></a:lt2>",
        esc(name),
        hex(t.text),
        hex(t.background),
        hex(t.muted),
        hex(t.grid)
    );
    for i in 0..6 {
        let _ = write!(s, "<a:accent{n}><a:srgbClr val=\"{}\"/></a:accent{n}>", accent(i), n = i + 1);
    }
    let _ = write!(
        s,
        "<a:hlink><a:srgbClr val=\"{}\"/></a:hlink><a:folHlink><a:srgbClr val=\"{}\"/></a:folHlink></a:clrScheme>\
<a:fontScheme name=\"Chorus\"><a:majorFont><a:latin typeface=\"{font}\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont>\
<a:minorFont><a:latin typeface=\"{font}\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont></a:fontScheme>\
<a:fmtScheme name=\"Chorus\"><a:fillStyleLst>\
<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>\
</a:fillStyleLst><a:lnStyleLst>\
<a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>\
<a:ln w=\"12700\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>\
<a:ln w=\"19050\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>\
</a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst>\
<a:bgFillStyleLst><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:bgFillStyleLst>\
</a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>",
        accent(0),
        accent(3)
    );
    s
}

const CLR_MAP: &str = "bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" \
accent3=\"accent3\" accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"";

fn group_start() -> &'static str {
    "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>\
<p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>"
}

pub(super) fn xfrm(r: layout::Rect) -> String {
    let (x, y, cx, cy) = r.emu();
    format!("<a:xfrm><a:off x=\"{x}\" y=\"{y}\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>")
}

/// The title placeholder as master and layout define it.
fn title_placeholder(id: u32) -> String {
    format!(
        "<p:sp><p:nvSpPr><p:cNvPr id=\"{id}\" name=\"Title\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>\
<p:nvPr><p:ph type=\"title\"/></p:nvPr></p:nvSpPr><p:spPr>{}<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>\
<p:txBody><a:bodyPr vert=\"horz\" lIns=\"0\" tIns=\"0\" rIns=\"0\" bIns=\"0\" anchor=\"b\"><a:normAutofit/></a:bodyPr><a:lstStyle/>\
<a:p><a:r><a:rPr lang=\"en-GB\"/><a:t>Title</a:t></a:r></a:p></p:txBody></p:sp>",
        xfrm(layout::TITLE)
    )
}

pub(super) fn master(t: &Theme) -> (String, String) {
    let font = super::super::layout::family();
    let title_size = (layout::TITLE_SIZE * 100.0) as u32;
    let s = format!(
        "{XML}<p:sldMaster xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:cSld>\
<p:bg><p:bgPr><a:solidFill><a:srgbClr val=\"{bg}\"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>\
<p:spTree>{group}{title}</p:spTree></p:cSld><p:clrMap {CLR_MAP}/>\
<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/></p:sldLayoutIdLst>\
<p:txStyles><p:titleStyle><a:lvl1pPr algn=\"l\"><a:defRPr sz=\"{title_size}\" b=\"1\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill>\
<a:latin typeface=\"{font}\"/></a:defRPr></a:lvl1pPr></p:titleStyle>\
<p:bodyStyle><a:lvl1pPr><a:defRPr sz=\"1800\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"{font}\"/></a:defRPr></a:lvl1pPr></p:bodyStyle>\
<p:otherStyle><a:lvl1pPr><a:defRPr sz=\"1800\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"{font}\"/></a:defRPr></a:lvl1pPr></p:otherStyle>\
</p:txStyles></p:sldMaster>",
        bg = hex(t.background),
        group = group_start(),
        title = title_placeholder(2),
    );
    let r = rels(&[
        rel("rId1", "slideLayout", "../slideLayouts/slideLayout1.xml"),
        rel("rId2", "theme", "../theme/theme1.xml"),
    ]);
    (s, r)
}

pub(super) fn layout_part() -> (String, String) {
    let s = format!(
        "{XML}<p:sldLayout xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\" type=\"titleOnly\" preserve=\"1\">\
<p:cSld name=\"Title Only\"><p:spTree>{}{}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>",
        group_start(),
        title_placeholder(2)
    );
    (s, rels(&[rel("rId1", "slideMaster", "../slideMasters/slideMaster1.xml")]))
}

pub(super) fn notes_master() -> (String, String) {
    let font = super::super::layout::family();
    let s = format!(
        "{XML}<p:notesMaster xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:cSld><p:spTree>{}\
<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr>\
<p:nvPr><p:ph type=\"sldImg\" idx=\"2\"/></p:nvPr></p:nvSpPr><p:spPr><a:xfrm><a:off x=\"381000\" y=\"685800\"/><a:ext cx=\"6096000\" cy=\"3429000\"/></a:xfrm>\
<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:sp>\
<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" sz=\"quarter\" idx=\"3\"/></p:nvPr></p:nvSpPr>\
<p:spPr><a:xfrm><a:off x=\"685800\" y=\"4343400\"/><a:ext cx=\"5486400\" cy=\"4114800\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr>\
<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang=\"en-GB\"/><a:t>Notes</a:t></a:r></a:p></p:txBody></p:sp>\
</p:spTree></p:cSld><p:clrMap {CLR_MAP}/>\
<p:notesStyle><a:lvl1pPr><a:defRPr sz=\"1200\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"{font}\"/></a:defRPr></a:lvl1pPr></p:notesStyle></p:notesMaster>",
        group_start()
    );
    (s, rels(&[rel("rId1", "theme", "../theme/theme2.xml")]))
}

/// A slide's notes page.
pub(super) fn notes(slide: usize, text: &str) -> (String, String) {
    let mut paras = String::new();
    for p in text.split('\n').filter(|p| !p.trim().is_empty()) {
        let _ = write!(paras, "<a:p><a:r><a:rPr lang=\"en-GB\" dirty=\"0\"/><a:t>{}</a:t></a:r></a:p>", esc(p));
    }
    if paras.is_empty() {
        paras.push_str("<a:p><a:endParaRPr lang=\"en-GB\"/></a:p>");
    }
    let s = format!(
        "{XML}<p:notes xmlns:a=\"{NS_A}\" xmlns:r=\"{NS_R}\" xmlns:p=\"{NS_P}\"><p:cSld><p:spTree>{}\
<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/></p:cNvSpPr>\
<p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>\
<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr>\
<p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{paras}</p:txBody></p:sp></p:spTree></p:cSld>\
<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>",
        group_start()
    );
    let r = rels(&[
        rel("rId1", "notesMaster", "../notesMasters/notesMaster1.xml"),
        rel("rId2", "slide", format!("../slides/slide{slide}.xml")),
    ]);
    (s, r)
}

pub(super) fn core(deck: &Deck) -> String {
    // The date the deck was made, not the clock's: the same deck twice is the same file.
    let when = format!("{}T00:00:00Z", deck.made);
    format!(
        "{XML}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:creator>Chorus</dc:creator>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">{when}</dcterms:modified>\
</cp:coreProperties>",
        esc(&format!("{} · {}", deck.title, deck.period))
    )
}

pub(super) fn app(slides: usize) -> String {
    format!(
        "{XML}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" \
xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">\
<Application>Chorus</Application><PresentationFormat>Widescreen</PresentationFormat><Slides>{slides}</Slides><Notes>{slides}</Notes></Properties>"
    )
}

//! `chorus chart list` and `chorus chart NAME --out FILE.png|FILE.svg`.

use std::path::PathBuf;

use chorus::app::charts::{ChartRequest, export_chart};
use chorus::charts::{ChartName, Size, Theme};
use clap::Args;

use crate::activity::{Ctx, FilterArgs};
use crate::{Failure, now, open, usage};

#[derive(Args, Debug)]
pub(crate) struct ChartArgs {
    /// The chart's name, or `list` to see them
    name: String,
    /// Where to write it: FILE.png or FILE.svg (replaced only once complete)
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Width x height in pixels, or `wide` (1920x1080) or `square` (1080x1080)
    #[arg(long, default_value = "wide")]
    size: String,
    /// PNG at twice the size, for print
    #[arg(long)]
    print: bool,
    /// Light text on a dark page
    #[arg(long)]
    dark: bool,
    #[command(flatten)]
    filter: FilterArgs,
}

pub(crate) fn chart(a: ChartArgs, ctx: &Ctx) -> Result<(), Failure> {
    if a.name == "list" {
        for c in ChartName::ALL {
            println!("{:<16} {}", c.name(), c.describe());
        }
        return Ok(());
    }
    let names: Vec<&str> = ChartName::ALL.iter().map(|c| c.name()).collect();
    let name = ChartName::parse(&a.name)
        .ok_or_else(|| usage(format!("no chart named {:?}; charts: {}", a.name, names.join(", "))))?;
    let out = a.out.ok_or_else(|| usage("chart: say where to write it with --out FILE.png or FILE.svg".into()))?;
    let size = Size::parse(&a.size).ok_or_else(|| {
        usage(format!("--size {:?}: expected WIDTHxHEIGHT (200 to 8000 each), wide or square", a.size))
    })?;
    let filter = a.filter.filter()?;
    let theme = if a.dark { Theme::dark() } else { Theme::light() };
    let req = ChartRequest { name, filter, size, theme, scale: if a.print { 2.0 } else { 1.0 } };
    let db = open(&ctx.db)?;
    export_chart(&db, &req, &out, now().date_naive())?;
    if ctx.json {
        println!("{}", serde_json::json!({ "chart": name.name(), "file": out }));
    } else {
        eprintln!("Wrote {} to {}", name.name(), out.display());
    }
    Ok(())
}

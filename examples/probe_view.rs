fn main() {
    let db = chorus::store::Db::open(std::path::Path::new("/tmp/d20k.db")).unwrap();
    let req = chorus::app::network::view::ViewRequest {
        filter: chorus::activity::measures::Filter { days: Some(365), ..Default::default() },
        ..Default::default()
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    for _ in 0..2 {
        let t = std::time::Instant::now();
        let b = chorus::app::network::build(&db, &req.filter, today, Default::default()).unwrap();
        let t1 = t.elapsed();
        let m = chorus::app::network::measure(&b);
        let t2 = t.elapsed();
        let f = chorus::app::segments::facts(&db, &b, &m).unwrap();
        let t3 = t.elapsed();
        let v = chorus::app::network::view::view(&db, &req, today).unwrap();
        println!(
            "build {t1:?} measure {:?} facts {:?} | view total {} ms layout {} ms; json {} bytes; {}",
            t2 - t1,
            t3 - t2,
            v.compute_ms,
            v.layout_ms,
            serde_json::to_string(&v).unwrap().len(),
            f.len()
        );
    }
}

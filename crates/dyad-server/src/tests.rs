use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;

use dyad_store::testing::TestDb;

use super::*;

/// Each test runs on every backend: SQLite, and PostgreSQL when
/// `DYAD_TEST_POSTGRES` is set.
/// (Set up on a blocking thread: PostgreSQL's client blocks.)
async fn states() -> Vec<(TestDb, Arc<AppState>)> {
    tokio::task::spawn_blocking(|| TestDb::all().into_iter().map(state).collect()).await.expect("databases")
}

/// A database holding two short articles of our own, the first dated.
fn state(db: TestDb) -> (TestDb, Arc<AppState>) {
    let mut store = db.open();
    let pipeline = dyad::Pipeline::new();
    let docs: Vec<dyad_wire::AnalysisJson> = [
        ("Chile and Norway met in Geneva on Monday to discuss fishing quotas.\n", Some("2022-01-12")),
        ("\"We will not give up our waters,\" the Chilean foreign minister told reporters in Santiago.\n", None),
    ]
    .iter()
    .map(|(text, date)| {
        let mut meta = dyad_core::Meta::new("-", dyad_core::InputFormat::Text);
        meta.date = date.and_then(|d| dyad_core::Date::parse(d).ok());
        if meta.date.is_some() {
            meta.date_source = dyad_core::DateSource::Cli;
        }
        let raw = dyad::ingest::RawDocument { text: text.to_string(), meta, diagnostics: Vec::new() };
        dyad_wire::AnalysisJson::from_analysis(&pipeline.analyze(raw))
    })
    .collect();
    store.insert(&docs).expect("stored");
    drop(store);
    let state = AppState::open(&db.location, Some("s3cret-token")).expect("opened");
    (db, state)
}

async fn get(state: &Arc<AppState>, uri: &str) -> (StatusCode, serde_json::Value) {
    let response = router(Arc::clone(state)).oneshot(Request::get(uri).body(Body::empty()).expect("a request")).await.expect("a response");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 24).await.expect("a body");
    (status, serde_json::from_slice(&bytes).expect("JSON"))
}

#[tokio::test(flavor = "multi_thread")]
async fn lists_filter_and_documents_come_back_as_json() {
    for (db, state) in states().await {
        let (status, health) = get(&state, "/api/health").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(health["ok"], true);
        assert_eq!(health["backend"], if db.location.starts_with("postgres") { "postgres" } else { "sqlite" });

        let (_, events) = get(&state, "/api/events?actor=CHL&code=04").await;
        let events = events["items"].as_array().expect("a list");
        assert!(!events.is_empty());
        assert!(events.iter().all(|e| e["code"].as_str().is_some_and(|c| c.starts_with("04"))));
        assert_eq!(events[0]["place"], "Geneva");

        let (_, quotes) = get(&state, "/api/quotes?q=waters").await;
        assert_eq!(quotes["items"].as_array().map(Vec::len), Some(1));

        let (_, hits) = get(&state, "/api/search?q=fishing").await;
        let doc_id = hits[0]["doc_id"].as_str().expect("a document id").to_string();
        let (status, doc) = get(&state, &format!("/api/documents/{}", &doc_id[..8])).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(doc["document"]["id"], doc_id.as_str());
        assert!(doc["places"].as_array().is_some_and(|p| !p.is_empty()));

        let (_, spec) = get(&state, "/api/openapi.json").await;
        assert_eq!(spec["openapi"], "3.0.3");
        assert!(spec["paths"]["/api/events"].is_object());
        // Every path the description names is a route the server answers.
        for (path, item) in spec["paths"].as_object().expect("paths") {
            if item.get("get").is_none() {
                continue;
            }
            let uri = path.replace("{id}", &doc_id[..8]) + if path == "/api/search" { "?q=quotas" } else { "" };
            let response = router(Arc::clone(&state)).oneshot(Request::get(&uri).body(Body::empty()).expect("a request")).await.expect("a response");
            assert_eq!(response.status(), StatusCode::OK, "{uri}");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn pages_aggregates_and_exports() {
    for (_db, state) in states().await {
        // Pages of one event each cover every event once.
        let (_, all) = get(&state, "/api/events").await;
        let all: Vec<i64> = all["items"].as_array().expect("a list").iter().map(|e| e["id"].as_i64().expect("an id")).collect();
        assert!(all.len() >= 2);
        let mut paged = Vec::new();
        let mut uri = "/api/events?limit=1".to_string();
        loop {
            let (status, page) = get(&state, &uri).await;
            assert_eq!(status, StatusCode::OK, "{page}");
            paged.extend(page["items"].as_array().expect("a list").iter().map(|e| e["id"].as_i64().expect("an id")));
            match page["next"].as_str() {
                Some(next) => uri = format!("/api/events?limit=1&cursor={}", next.replace(':', "%3A")),
                None => break,
            }
        }
        assert_eq!(paged, all);
        let (status, body) = get(&state, "/api/events?cursor=nonsense").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
        let (status, _) = get(&state, "/api/events?quad=7").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);

        let (_, dyads) = get(&state, "/api/dyads").await;
        assert_eq!((dyads["items"][0]["a"].as_str(), dyads["items"][0]["b"].as_str()), (Some("CHL"), Some("NOR")));
        let (_, timeline) = get(&state, "/api/timeline?dyad=NOR-CHL&bucket=week").await;
        assert_eq!(timeline["bucket"], "week");
        assert!(timeline["items"].as_array().is_some_and(|b| !b.is_empty()));
        let (status, _) = get(&state, "/api/timeline?bucket=century").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (_, network) = get(&state, "/api/network").await;
        assert!(network["nodes"].as_array().is_some_and(|n| n.iter().any(|n| n["id"] == "CHL")));
        let (_, map) = get(&state, "/api/map").await;
        assert!(map["items"].as_array().is_some_and(|p| p.iter().any(|p| p["name"] == "Geneva")));
        for route in ["/api/actors", "/api/entities?kind=LOC", "/api/places", "/api/speakers", "/api/documents"] {
            let (status, page) = get(&state, route).await;
            assert_eq!(status, StatusCode::OK, "{route}");
            assert!(page["items"].as_array().is_some_and(|i| !i.is_empty()), "{route}: {page}");
        }
        let (_, stats) = get(&state, "/api/stats").await;
        assert_eq!(stats["n_documents"], 2);
        assert!(stats["n_events"].as_i64().is_some_and(|n| n >= 2));

        let response = router(Arc::clone(&state))
            .oneshot(Request::get("/api/events/export?format=csv&dyad=CHL-NOR").body(Body::empty()).expect("a request"))
            .await
            .expect("a response");
        assert_eq!(response.headers()["content-type"], "text/csv; charset=utf-8");
        assert!(response.headers()["content-disposition"].to_str().is_ok_and(|d| d.contains("dyad-events.csv")));
        let csv = String::from_utf8(axum::body::to_bytes(response.into_body(), 1 << 24).await.expect("a body").to_vec()).expect("UTF-8");
        let mut lines = csv.lines();
        assert!(lines.next().is_some_and(|header| header.starts_with("GLOBALEVENTID,SQLDATE,Actor1Code")));
        assert!(lines.count() >= 2);
        let (status, json) = get(&state, "/api/events/export?format=json").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(json.as_array().map(Vec::len), Some(all.len()));
        let (status, _) = get(&state, "/api/events/export?format=xml").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn the_web_ui_is_served_from_the_binary() {
    let (_db, state) = state(TestDb::sqlite());
    for uri in ["/", "/index.html", "/events", "/some/deep/link"] {
        let response = router(Arc::clone(&state)).oneshot(Request::get(uri).body(Body::empty()).expect("a request")).await.expect("a response");
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        assert!(response.headers()["content-type"].to_str().is_ok_and(|t| t.starts_with("text/html")), "{uri}");
        let html = axum::body::to_bytes(response.into_body(), 1 << 24).await.expect("a body");
        let html = String::from_utf8_lossy(&html);
        assert!(html.contains("<script") && html.contains("/assets/"), "{uri}: {html}");
        // Every asset the page names is served with its type.
        for asset in html.split('"').filter(|part| part.starts_with("/assets/")) {
            let response = router(Arc::clone(&state)).oneshot(Request::get(asset).body(Body::empty()).expect("a request")).await.expect("a response");
            assert_eq!(response.status(), StatusCode::OK, "{asset}");
            assert!(response.headers()["cache-control"].to_str().is_ok_and(|c| c.contains("immutable")));
        }
    }
    let response = router(Arc::clone(&state)).oneshot(Request::get("/assets/nope.js").body(Body::empty()).expect("a request")).await.expect("a response");
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    // Unknown API routes are JSON errors, not the page; traversal finds nothing.
    let (status, body) = get(&state, "/api/nothing-here").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body["error"].is_string());
    let response =
        router(Arc::clone(&state)).oneshot(Request::get("/../Cargo.toml").body(Body::empty()).expect("a request")).await.expect("a response");
    let body = axum::body::to_bytes(response.into_body(), 1 << 24).await.expect("a body");
    assert!(!String::from_utf8_lossy(&body).contains("[package]"));
}

#[tokio::test]
async fn bad_requests_get_clear_errors_not_crashes() {
    let (_db, state) = state(TestDb::sqlite());
    let (status, body) = get(&state, "/api/documents/not-hex").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body["error"].as_str().is_some_and(|e| e.contains("hexadecimal")));
    let (status, _) = get(&state, "/api/documents/abcdef0123").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = get(&state, "/api/search").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // Odd full-text syntax is an answer, not a failure.
    let (status, _) = get(&state, "/api/search?q=%22unclosed%20AND").await;
    assert!(status == StatusCode::OK, "{status}");
    let (_, events) = get(&state, "/api/events?limit=100000").await;
    assert!(events["items"].as_array().is_some());
}

async fn post(state: &Arc<AppState>, auth: Option<&str>, body: &str) -> (StatusCode, serde_json::Value) {
    let mut request = Request::post("/api/documents").header("content-type", "text/plain");
    if let Some(a) = auth {
        request = request.header("authorization", a);
    }
    let response = router(Arc::clone(state)).oneshot(request.body(Body::from(body.to_string())).expect("a request")).await.expect("a response");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 24).await.expect("a body");
    (status, serde_json::from_slice(&bytes).expect("JSON"))
}

#[tokio::test(flavor = "multi_thread")]
async fn writes_need_the_token_and_store_the_document_once() {
    for (_db, state) in states().await {
        let text = "Peru and Ecuador signed a border accord in Lima on Friday.\n";
        assert_eq!(post(&state, None, text).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(post(&state, Some("Bearer wrong"), text).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(post(&state, Some("s3cret-token"), text).await.0, StatusCode::UNAUTHORIZED);
        let (status, body) = post(&state, Some("Bearer s3cret-token"), text).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(body["documents"][0]["status"], "new");
        let id = body["documents"][0]["id"].as_str().expect("an id").to_string();
        let (_, again) = post(&state, Some("Bearer s3cret-token"), text).await;
        assert_eq!(again["documents"][0]["status"], "duplicate");
        let (status, doc) = get(&state, &format!("/api/documents/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert!(doc["places"].as_array().is_some_and(|p| p.iter().any(|p| p["name"] == "Lima")));
        let (_, empty) = post(&state, Some("Bearer s3cret-token"), "   ").await;
        assert_eq!(empty["failed"].as_array().map(Vec::len), Some(1));
    }
}

#[tokio::test]
async fn without_a_token_writes_are_off() {
    let db = TestDb::sqlite();
    let state = AppState::open(&db.location, None).expect("opened");
    let (status, body) = post(&state, Some("Bearer anything"), "Some text.\n").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body["error"].as_str().is_some_and(|e| e.contains("--token")));
}

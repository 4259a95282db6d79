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
    state_with(db, Options::default())
}

/// [`state`], served with `options`.
fn state_with(db: TestDb, options: Options) -> (TestDb, Arc<AppState>) {
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
    let state = AppState::open_with(&db.location, Some("s3cret-token"), options).expect("opened");
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

/// Sends `request` to the router; status, headers and body.
async fn send(state: &Arc<AppState>, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Vec<u8>) {
    let response = router(Arc::clone(state)).oneshot(request).await.expect("a response");
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.expect("a body");
    (parts.status, parts.headers, bytes.to_vec())
}

/// The database's counts, read through a connection of its own.
async fn counts(db: &TestDb) -> serde_json::Value {
    let location = db.location.clone();
    tokio::task::spawn_blocking(move || {
        let stats = dyad_store::Store::open_location(&location).expect("opens").stats().expect("stats");
        serde_json::to_value(stats).expect("JSON")
    })
    .await
    .expect("counted")
}

#[tokio::test]
async fn long_query_strings_and_parameters_are_refused() {
    let (_db, state) = state(TestDb::sqlite());
    // A query string over the cap, made of short parameters: 414.
    let many = "x=1&".repeat(MAX_QUERY / 4 + 1);
    let (status, body) = get(&state, &format!("/api/events?{many}")).await;
    assert_eq!(status, StatusCode::URI_TOO_LONG, "{body}");
    assert!(body["error"].as_str().is_some_and(|e| e.contains("query string")), "{body}");
    // Just under it, the same parameters are read (and ignored).
    let (status, _) = get(&state, &format!("/api/events?{}", &many[..MAX_QUERY - 8])).await;
    assert_eq!(status, StatusCode::OK);
    // One text parameter over its cap, on every kind of route: 400.
    let long = "a".repeat(MAX_PARAM + 1);
    for route in ["/api/events?actor=", "/api/events?q=", "/api/quotes?speaker=", "/api/search?q=", "/api/entities?q=", "/api/timeline?dyad=", "/?q="] {
        let (status, body) = get(&state, &format!("{route}{long}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{route}");
        assert!(body["error"].as_str().is_some_and(|e| e.contains(&MAX_PARAM.to_string())), "{route}: {body}");
    }
    // The cap counts decoded bytes: 200 escaped spaces are 200 bytes.
    let (status, _) = get(&state, &format!("/api/search?q=fishing{}", "%20".repeat(200))).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = get(&state, &format!("/api/events?actor={}", "a".repeat(MAX_PARAM))).await;
    assert_eq!(status, StatusCode::OK);
    // A NUL in a value is refused before it reaches a database (PostgreSQL
    // cannot store it in text).
    let (status, body) = get(&state, "/api/events?actor=CHL%00").await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
}

#[tokio::test(flavor = "multi_thread")]
async fn database_jobs_wait_their_turn_and_slow_requests_time_out() {
    // One job at a time; the test takes the only turn.
    let options = Options { timeout: std::time::Duration::from_millis(300), max_jobs: 1, cors_origin: None };
    let (_db, state) = state_with(TestDb::sqlite(), options);
    let turn = Arc::clone(&state.jobs).acquire_owned().await.expect("a turn");
    let started = std::time::Instant::now();
    let (status, body) = get(&state, "/api/stats").await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert!(body["error"].as_str().is_some_and(|e| e.contains("longer than 0.3 s")), "{body}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    drop(turn);
    assert_eq!(get(&state, "/api/stats").await.0, StatusCode::OK);

    // A flood waits instead of failing: while the turn is held nothing
    // runs, and once it is given back every request is answered.
    let options = Options { timeout: std::time::Duration::from_secs(30), max_jobs: 1, cors_origin: None };
    let (_db, state) = state_with(TestDb::sqlite(), options);
    let turn = Arc::clone(&state.jobs).acquire_owned().await.expect("a turn");
    let routes = ["/api/events", "/api/quotes", "/api/search?q=fishing", "/api/documents", "/api/dyads", "/api/map"];
    let requests: Vec<_> = (0..48)
        .map(|i| {
            let state = Arc::clone(&state);
            tokio::spawn(async move { get(&state, routes[i % routes.len()]).await.0 })
        })
        .collect();
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(requests.iter().all(|r| !r.is_finished()), "a job ran without its turn");
    drop(turn);
    for request in requests {
        assert_eq!(request.await.expect("answered"), StatusCode::OK);
    }
    // One job at a time needs one connection.
    assert!(state.pool.lock().expect("the pool").len() <= 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_flood_of_requests_is_answered_with_few_connections() {
    let options = Options { max_jobs: 2, ..Options::default() };
    for (_db, state) in states().await {
        let db = state.db.clone();
        drop(state);
        let options = options.clone();
        let state = tokio::task::spawn_blocking(move || AppState::open_with(&db, None, options).expect("opened")).await.expect("opened");
        let requests: Vec<_> = (0..200)
            .map(|i| {
                let state = Arc::clone(&state);
                tokio::spawn(
                    async move { get(&state, ["/api/events?actor=CHL", "/api/stats", "/api/search?q=quotas", "/api/entities"][i % 4]).await.0 },
                )
            })
            .collect();
        for request in requests {
            assert_eq!(request.await.expect("answered"), StatusCode::OK);
        }
        assert!(state.pool.lock().expect("the pool").len() <= 2);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_oversized_body_is_refused_and_nothing_is_stored() {
    for (db, state) in states().await {
        let before = counts(&db).await;
        // Text the reader would take, one byte over the limit.
        let sentence = "Peru and Ecuador signed a border accord in Lima on Friday.\n";
        let mut text = sentence.repeat(MAX_BODY / sentence.len() + 1);
        text.truncate(MAX_BODY + 1);
        for auth in [Some("Bearer s3cret-token"), None] {
            let mut request = Request::post("/api/documents").header("content-type", "text/plain");
            if let Some(auth) = auth {
                request = request.header("authorization", auth);
            }
            let (status, _, body) = send(&state, request.body(Body::from(text.clone())).expect("a request")).await;
            // With the token, the body is too large; without, it is not read.
            let expected = if auth.is_some() { StatusCode::PAYLOAD_TOO_LARGE } else { StatusCode::UNAUTHORIZED };
            assert_eq!(status, expected);
            let body: serde_json::Value = serde_json::from_slice(&body).expect("JSON");
            assert!(body["error"].is_string(), "{body}");
        }
        assert_eq!(counts(&db).await, before);
        // The same text within the limit is stored.
        let (status, body) = post(&state, Some("Bearer s3cret-token"), sentence).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!(counts(&db).await["n_documents"], before["n_documents"].as_i64().expect("a count") + 1);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn writes_without_the_exact_token_are_refused_and_store_nothing() {
    for (db, state) in states().await {
        let before = counts(&db).await;
        let text = "Peru and Ecuador signed a border accord in Lima on Friday.\n";
        let refused = [
            None,
            Some(""),
            Some("Bearer"),
            Some("Bearer "),
            Some("Bearer wrong"),
            Some("Bearer s3cret-toke"),
            Some("Bearer s3cret-token2"),
            Some("Bearer s3cret-token "),
            Some("Bearer  s3cret-token"),
            Some("Bearer\ts3cret-token"),
            Some("s3cret-token"),
            Some("bearer s3cret-token"),
            Some("BEARER s3cret-token"),
            Some("Basic s3cret-token"),
            Some("Token s3cret-token"),
            Some("Bearer S3CRET-TOKEN"),
        ];
        for auth in refused {
            let (status, body) = post(&state, auth, text).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{auth:?}");
            assert!(body["error"].as_str().is_some_and(|e| e.contains("Bearer")), "{auth:?}: {body}");
        }
        // A header that is not text.
        let request = Request::post("/api/documents")
            .header("authorization", axum::http::HeaderValue::from_bytes(b"Bearer s3cret-token\xff").expect("a header"))
            .body(Body::from(text))
            .expect("a request");
        assert_eq!(send(&state, request).await.0, StatusCode::UNAUTHORIZED);
        // Twice the header: only a lone, exact one counts.
        let request = Request::post("/api/documents")
            .header("authorization", "Bearer wrong")
            .header("authorization", "Bearer s3cret-token")
            .body(Body::from(text))
            .expect("a request");
        assert_eq!(send(&state, request).await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(counts(&db).await, before);
        // And a server started with an empty token takes no writes at all.
        let location = db.location.clone();
        let open = tokio::task::spawn_blocking(move || AppState::open(&location, Some("")).expect("opened")).await.expect("opened");
        for auth in [None, Some("Bearer "), Some("Bearer")] {
            assert_eq!(post(&open, auth, text).await.0, StatusCode::FORBIDDEN, "{auth:?}");
        }
        drop(open);
        assert_eq!(counts(&db).await, before);
    }
}

/// Values that would change a query if they were spliced into SQL, LIKE
/// patterns or full-text syntax.
const HOSTILE: &[&str] = &[
    "' OR 1=1 --",
    "' OR '1'='1",
    "\"; DROP TABLE events; --",
    "'); DROP TABLE documents; --",
    "1; DELETE FROM events",
    "NEAR(",
    "NEAR(fishing quotas, 2)",
    "fishing NEAR/2",
    "*",
    "fish*",
    "\"",
    "'",
    "\"unbalanced",
    "a\" OR \"b",
    "%",
    "_",
    "%_%",
    "\\",
    "\\%",
    "text: x",
    "{text}: x",
    "^fishing",
    "-",
    "AND",
    "OR NOT",
    "()",
    ")",
    "$1",
    "?1",
    ":name",
    "CHL-NOR' --",
    "~",
    "2022-01-12' OR 1=1 --",
    "\u{1F600}",
    "\u{202E}",
];

#[tokio::test(flavor = "multi_thread")]
async fn injection_looking_values_are_answered_and_change_nothing() {
    fn encode(value: &str) -> String {
        value.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
    }
    let event_params =
        ["actor", "dyad", "source", "target", "code", "quad", "plover", "modality", "since", "until", "place", "q", "doc", "cursor", "limit"];
    let routes: &[(&str, &[&str])] = &[
        ("/api/events", &event_params),
        ("/api/events/export", &["actor", "dyad", "code", "place", "q", "doc", "format"]),
        ("/api/dyads", &["actor", "dyad", "q", "place", "cursor"]),
        ("/api/timeline", &["actor", "dyad", "q", "bucket"]),
        ("/api/network", &["actor", "code", "q"]),
        ("/api/map", &["actor", "place", "q"]),
        ("/api/quotes", &["speaker", "actor", "q", "kind", "since", "until", "doc", "cursor"]),
        ("/api/documents", &["cursor", "limit"]),
        ("/api/speakers", &["q", "cursor"]),
        ("/api/actors", &["q", "cursor"]),
        ("/api/entities", &["q", "kind", "cursor"]),
        ("/api/places", &["q", "cursor"]),
        ("/api/search", &["q", "limit"]),
    ];
    for (db, state) in states().await {
        let before = counts(&db).await;
        assert!(before["n_events"].as_i64().is_some_and(|n| n > 0));
        let mut n_requests = 0;
        for (route, params) in routes {
            for param in *params {
                for value in HOSTILE {
                    let uri = format!("{route}?{param}={}", encode(value));
                    let (status, _, body) = send(&state, Request::get(&uri).body(Body::empty()).expect("a request")).await;
                    assert!(status == StatusCode::OK || status == StatusCode::BAD_REQUEST, "{uri}: {status} {}", String::from_utf8_lossy(&body));
                    if !(status == StatusCode::OK && *route == "/api/events/export") {
                        serde_json::from_slice::<serde_json::Value>(&body).unwrap_or_else(|e| panic!("{uri}: {e}"));
                    }
                    n_requests += 1;
                }
            }
        }
        // Document ids in the path too.
        for value in HOSTILE {
            let uri = format!("/api/documents/{}", encode(value));
            let (status, _, _) = send(&state, Request::get(&uri).body(Body::empty()).expect("a request")).await;
            assert!(status == StatusCode::BAD_REQUEST || status == StatusCode::NOT_FOUND, "{uri}: {status}");
        }
        assert!(n_requests > 1000);
        // Every row is still there, and still found.
        assert_eq!(counts(&db).await, before);
        let (_, quotes) = get(&state, "/api/quotes?q=waters").await;
        assert_eq!(quotes["items"].as_array().map(Vec::len), Some(1));
        // A wildcard is a character like any other, not "anything".
        let (_, entities) = get(&state, "/api/entities?q=%25chile%25").await;
        assert!(entities["items"].as_array().is_some_and(|i| !i.is_empty()), "{entities}");
        let (_, none) = get(&state, "/api/entities?q=ch_le").await;
        assert_eq!(none["items"].as_array().map(Vec::len), Some(0), "{none}");
    }
}

#[tokio::test]
async fn cross_origin_requests_get_no_cors_headers_by_default() {
    let (_db, state) = state(TestDb::sqlite());
    for uri in ["/api/events", "/api/health", "/"] {
        let request = Request::get(uri).header("origin", "https://evil.example").body(Body::empty()).expect("a request");
        let (status, headers, _) = send(&state, request).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(headers.keys().all(|name| !name.as_str().starts_with("access-control-")), "{uri}: {headers:?}");
    }
    for (uri, method) in [("/api/events", "GET"), ("/api/documents", "POST"), ("/", "GET")] {
        let request = Request::options(uri)
            .header("origin", "https://evil.example")
            .header("access-control-request-method", method)
            .header("access-control-request-headers", "authorization, content-type")
            .body(Body::empty())
            .expect("a request");
        let (status, headers, _) = send(&state, request).await;
        assert!(!status.is_success(), "{uri}: {status}");
        assert!(headers.keys().all(|name| !name.as_str().starts_with("access-control-")), "{uri}: {headers:?}");
    }
}

#[tokio::test]
async fn cors_opens_to_the_one_origin_asked_for() {
    let options = Options { cors_origin: Some("https://ui.example/".into()), ..Options::default() };
    let (_db, state) = state_with(TestDb::sqlite(), options);
    let preflight = |origin: &str| {
        Request::options("/api/documents")
            .header("origin", origin)
            .header("access-control-request-method", "POST")
            .header("access-control-request-headers", "authorization")
            .body(Body::empty())
            .expect("a request")
    };
    let (status, headers, _) = send(&state, preflight("https://ui.example")).await;
    assert!(status.is_success(), "{status}");
    assert_eq!(headers["access-control-allow-origin"], "https://ui.example");
    assert!(headers["access-control-allow-methods"].to_str().is_ok_and(|m| m.contains("POST")));
    assert!(headers["access-control-allow-headers"].to_str().is_ok_and(|h| h.contains("authorization")));
    let request = Request::get("/api/events").header("origin", "https://ui.example").body(Body::empty()).expect("a request");
    let (status, headers, _) = send(&state, request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["access-control-allow-origin"], "https://ui.example");
    // Any other origin, even a near one, gets nothing that allows it.
    for origin in ["https://evil.example", "http://ui.example", "https://ui.example.evil.example", "null"] {
        let (_, headers, _) = send(&state, preflight(origin)).await;
        assert!(headers.get("access-control-allow-origin").is_none(), "{origin}");
        let request = Request::get("/api/events").header("origin", origin).body(Body::empty()).expect("a request");
        let (_, headers, _) = send(&state, request).await;
        assert!(headers.get("access-control-allow-origin").is_none(), "{origin}");
    }
    // An origin is a scheme, a host and maybe a port, one of them.
    let db = TestDb::sqlite();
    for bad in ["*", "ui.example", "https://", "https://ui.example/path", "https://a.example https://b.example"] {
        let options = Options { cors_origin: Some(bad.into()), ..Options::default() };
        assert!(AppState::open_with(&db.location, None, options).is_err(), "{bad}");
    }
}

/// Text of files a traversal would reach.
fn secrets() -> Vec<String> {
    let mut found = vec!["[package]".to_string(), "[workspace]".to_string(), "root:x:0:0".to_string(), "#![deny(missing_docs)]".to_string()];
    for path in [concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"), concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml"), "/etc/passwd"] {
        if let Ok(text) = std::fs::read_to_string(path) {
            found.extend(text.lines().filter(|l| l.len() > 12).take(3).map(str::to_string));
        }
    }
    found
}

const TRAVERSALS: &[&str] = &[
    "/../Cargo.toml",
    "/../../Cargo.toml",
    "/%2e%2e/%2e%2e/etc/passwd",
    "/%2e%2e/%2e%2e/Cargo.toml",
    "/assets/..%2f..%2fCargo.toml",
    "/assets/../../../Cargo.toml",
    "/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fCargo.toml",
    "/..%5c..%5cCargo.toml",
    "/assets/..%5c..%5c..%5cCargo.toml",
    "/%00/etc/passwd",
    "/index.html%00../../Cargo.toml",
    "//etc/passwd",
    "/..%252f..%252fCargo.toml",
    "/src/lib.rs",
    "/Cargo.toml",
    "/web/dist/index.html",
    "/../../../../../../../../etc/passwd",
];

#[tokio::test]
async fn static_paths_never_reach_the_file_system() {
    let (_db, state) = state(TestDb::sqlite());
    let secrets = secrets();
    for uri in TRAVERSALS {
        let (status, _, body) = send(&state, Request::get(*uri).body(Body::empty()).expect("a request")).await;
        assert!(status == StatusCode::OK || status == StatusCode::NOT_FOUND || status == StatusCode::BAD_REQUEST, "{uri}: {status}");
        let body = String::from_utf8_lossy(&body);
        for secret in &secrets {
            assert!(!body.contains(secret.as_str()), "{uri} served {secret:?}");
        }
        if status == StatusCode::OK {
            assert!(body.contains("<script"), "{uri}: not the page: {body}");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn raw_request_paths_over_a_socket_never_reach_the_file_system() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (_db, state) = state(TestDb::sqlite());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let addr = listener.local_addr().expect("an address");
    let server = tokio::spawn(async move { axum::serve(listener, router(state)).await });
    let secrets = secrets();
    // What no client library would send: backslashes, a raw NUL, bytes
    // that are not UTF-8, dots as is.
    let mut paths: Vec<Vec<u8>> = TRAVERSALS.iter().map(|p| p.as_bytes().to_vec()).collect();
    paths.extend([
        b"/..\\..\\Cargo.toml".to_vec(),
        b"/assets\\..\\..\\..\\Cargo.toml".to_vec(),
        b"/\0/../Cargo.toml".to_vec(),
        b"/index.html\0".to_vec(),
        b"/\xff\xfe/../Cargo.toml".to_vec(),
        b"../Cargo.toml".to_vec(),
        b"/./.././../Cargo.toml".to_vec(),
        b"/%2E%2E/%2E%2E/Cargo.toml".to_vec(),
        b"http://127.0.0.1/../../Cargo.toml".to_vec(),
    ]);
    for path in paths {
        let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connects");
        let mut request = b"GET ".to_vec();
        request.extend(&path);
        request.extend(b" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        stream.write_all(&request).await.expect("sent");
        let mut response = Vec::new();
        stream.read_to_end(&mut response).await.expect("an answer");
        let response = String::from_utf8_lossy(&response);
        let shown = String::from_utf8_lossy(&path);
        let status = response.split(' ').nth(1).unwrap_or("");
        assert!(["200", "400", "404"].contains(&status), "{shown:?}: {response}");
        for secret in &secrets {
            assert!(!response.contains(secret.as_str()), "{shown:?} served {secret:?}");
        }
    }
    server.abort();
}

#[tokio::test(flavor = "multi_thread")]
async fn a_nul_written_in_a_jsonl_record_is_stored_on_both_backends() {
    for (_db, state) in states().await {
        let body = "{\"title\": \"Nul\\u0000title\", \"text\": \"Chile and Peru\\u0000 signed a fishing accord in Lima.\"}\n";
        let request = Request::post("/api/documents")
            .header("content-type", "application/jsonl")
            .header("authorization", "Bearer s3cret-token")
            .body(Body::from(body))
            .expect("a request");
        let response = router(Arc::clone(&state)).oneshot(request).await.expect("a response");
        let status = response.status();
        let bytes = axum::body::to_bytes(response.into_body(), 1 << 24).await.expect("a body");
        let answer: serde_json::Value = serde_json::from_slice(&bytes).expect("JSON");
        assert_eq!(status, StatusCode::OK, "{answer}");
        assert_eq!(answer["documents"][0]["status"], "new", "{answer}");
        let id = answer["documents"][0]["id"].as_str().expect("an id").to_string();
        let (status, doc) = get(&state, &format!("/api/documents/{id}")).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(doc["document"]["text"], "Chile and Peru\u{FFFD} signed a fishing accord in Lima.");
    }
}

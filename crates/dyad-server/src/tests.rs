use axum::body::Body;
use axum::http::{Request, StatusCode};
use tower::ServiceExt;

use super::*;

/// A database holding two short articles of our own.
fn state() -> (tempfile::TempDir, Arc<AppState>) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("api.db");
    let mut store = Store::open(&path).expect("a database");
    let pipeline = dyad::Pipeline::new();
    let docs: Vec<dyad_wire::AnalysisJson> = [
        "Chile and Norway met in Geneva on Monday to discuss fishing quotas.\n",
        "\"We will not give up our waters,\" the Chilean foreign minister told reporters in Santiago.\n",
    ]
    .iter()
    .map(|t| dyad_wire::AnalysisJson::from_analysis(&pipeline.analyze_text(t)))
    .collect();
    store.insert(&docs).expect("stored");
    drop(store);
    let state = AppState::open(path, Some("s3cret-token")).expect("opened");
    (dir, state)
}

async fn get(state: &Arc<AppState>, uri: &str) -> (StatusCode, serde_json::Value) {
    let response = router(Arc::clone(state)).oneshot(Request::get(uri).body(Body::empty()).expect("a request")).await.expect("a response");
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 24).await.expect("a body");
    (status, serde_json::from_slice(&bytes).expect("JSON"))
}

#[tokio::test]
async fn lists_filter_and_documents_come_back_as_json() {
    let (_dir, state) = state();
    let (status, health) = get(&state, "/api/health").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(health["ok"], true);

    let (_, events) = get(&state, "/api/events?actor=CHL&code=04").await;
    let events = events.as_array().expect("a list");
    assert!(!events.is_empty());
    assert!(events.iter().all(|e| e["code"].as_str().is_some_and(|c| c.starts_with("04"))));
    assert_eq!(events[0]["place"], "Geneva");

    let (_, quotes) = get(&state, "/api/quotes?q=waters").await;
    assert_eq!(quotes.as_array().map(Vec::len), Some(1));

    let (_, hits) = get(&state, "/api/search?q=fishing").await;
    let doc_id = hits[0]["doc_id"].as_str().expect("a document id").to_string();
    let (status, doc) = get(&state, &format!("/api/documents/{}", &doc_id[..8])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(doc["document"]["id"], doc_id.as_str());
    assert!(doc["places"].as_array().is_some_and(|p| !p.is_empty()));

    let (_, spec) = get(&state, "/api/openapi.json").await;
    assert_eq!(spec["openapi"], "3.0.3");
    assert!(spec["paths"]["/api/events"].is_object());
}

#[tokio::test]
async fn bad_requests_get_clear_errors_not_crashes() {
    let (_dir, state) = state();
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
    assert!(events.as_array().is_some());
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

#[tokio::test]
async fn writes_need_the_token_and_store_the_document_once() {
    let (_dir, state) = state();
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

#[tokio::test]
async fn without_a_token_writes_are_off() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let state = AppState::open(dir.path().join("w.db"), None).expect("opened");
    let (status, body) = post(&state, Some("Bearer anything"), "Some text.\n").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(body["error"].as_str().is_some_and(|e| e.contains("--token")));
}

//! `dyad serve`: a JSON API over what `dyad ingest` stored.
//!
//! Read endpoints (open on loopback):
//!
//! | route | what |
//! |---|---|
//! | `GET /api/health` | `{"ok": true, "schema": N}` |
//! | `GET /api/stats` | counts over the database |
//! | `GET /api/documents/{id}` | one document's analysis (wire JSON without tokens); an id prefix works |
//! | `GET /api/events` | events: `actor`, `source`, `target`, `code`, `plover`, `modality`, `since`, `until`, `limit` |
//! | `GET /api/quotes` | quotes: `speaker`, `actor`, `q`, `kind`, `since`, `until`, `limit` |
//! | `GET /api/search` | full-text search over sentences: `q`, `limit` |
//! | `GET /api/openapi.json` | the OpenAPI description of all this |
//!
//! One write: `POST /api/documents` analyses and stores the body (plain
//! text, an HTML page or JSON Lines, by `Content-Type`, else by content),
//! only with `Authorization: Bearer <token>` matching the token the server
//! was started with (compared in constant time); with no token set, writes
//! are refused. Bodies over 32 MiB are refused.
//!
//! Every handler runs its SQLite work on a blocking thread with a
//! connection taken from a small pool; errors become JSON
//! `{"error": "..."}` with a 4xx or 5xx status.
#![deny(missing_docs)]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use dyad_store::{EventFilter, QuoteFilter, Store};
use serde::Deserialize;

/// Largest page a list endpoint returns.
pub const MAX_LIMIT: usize = 1000;

/// Largest request body `POST /api/documents` takes.
pub const MAX_BODY: usize = 32 * 1024 * 1024;

/// What the server needs: where the database is, open connections to it,
/// the pipeline for writes and the token that allows them.
#[derive(Debug)]
pub struct AppState {
    db: PathBuf,
    pool: Mutex<Vec<Store>>,
    pipeline: dyad::Pipeline,
    /// BLAKE3 hash of the write token; `None`: writes are off.
    token: Option<[u8; 32]>,
}

impl AppState {
    /// State over the database at `db` (created and migrated if missing);
    /// `token` allows writes.
    pub fn open(db: PathBuf, token: Option<&str>) -> Result<Arc<AppState>, String> {
        let store = Store::open(&db).map_err(|e| format!("cannot open {}: {e}", db.display()))?;
        let token = token.filter(|t| !t.is_empty()).map(|t| *blake3::hash(t.as_bytes()).as_bytes());
        Ok(Arc::new(AppState { db, pool: Mutex::new(vec![store]), pipeline: dyad::Pipeline::new(), token }))
    }

    /// Whether a request's `Authorization` header carries the write token.
    /// Both sides are hashed and compared byte by byte without stopping
    /// early, so timing says nothing about the token.
    fn allows_writes(&self, header: Option<&str>) -> Result<(), ApiError> {
        let Some(expected) = self.token else {
            return Err(ApiError { status: StatusCode::FORBIDDEN, message: "writes are off: start dyad serve with --token".into() });
        };
        let given = header.and_then(|h| h.strip_prefix("Bearer ")).unwrap_or("");
        let given = blake3::hash(given.as_bytes());
        let same = given.as_bytes().iter().zip(expected.iter()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
        if same {
            Ok(())
        } else {
            Err(ApiError { status: StatusCode::UNAUTHORIZED, message: "a write needs Authorization: Bearer <token>".into() })
        }
    }

    /// Runs `f` with a connection, on a blocking thread.
    async fn with_store<T: Send + 'static>(
        self: &Arc<Self>,
        f: impl FnOnce(&mut Store) -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let state = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let taken = state.pool.lock().ok().and_then(|mut p| p.pop());
            let mut store = match taken {
                Some(s) => s,
                None => Store::open(&state.db).map_err(|e| ApiError::internal(format!("cannot open the database: {e}")))?,
            };
            let out = f(&mut store);
            if let Ok(mut pool) = state.pool.lock() {
                if pool.len() < 8 {
                    pool.push(store);
                }
            }
            out
        })
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
    }
}

/// An error answer: status and message.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn internal(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, message: message.into() }
    }

    fn not_found(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::NOT_FOUND, message: message.into() }
    }

    fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError { status: StatusCode::BAD_REQUEST, message: message.into() }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(serde_json::json!({ "error": self.message }))).into_response()
    }
}

fn store_error(e: dyad_store::StoreError) -> ApiError {
    ApiError::internal(e.to_string())
}

/// The router with every route, over `state`.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .route("/api/health", get(health))
        .route("/api/stats", get(stats))
        .route("/api/documents", axum::routing::post(post_documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/events", get(events))
        .route("/api/quotes", get(quotes))
        .route("/api/search", get(search))
        .route("/api/openapi.json", get(openapi))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .with_state(state)
}

/// Serves `state` on `addr` until Ctrl-C.
pub async fn serve(state: Arc<AppState>, addr: std::net::SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

async fn health(State(state): State<Arc<AppState>>) -> Result<Json<serde_json::Value>, ApiError> {
    let schema = state.with_store(|s| s.schema_version().map_err(store_error)).await?;
    Ok(Json(serde_json::json!({ "ok": true, "schema": schema })))
}

async fn stats(State(state): State<Arc<AppState>>) -> Result<Json<dyad_store::Stats>, ApiError> {
    Ok(Json(state.with_store(|s| s.stats().map_err(store_error)).await?))
}

async fn document(State(state): State<Arc<AppState>>, Path(id): Path<String>) -> Result<Json<dyad_wire::AnalysisJson>, ApiError> {
    if id.is_empty() || id.len() > 64 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(ApiError::bad_request("a document id is hexadecimal (a prefix is enough)"));
    }
    state
        .with_store(move |s| {
            let full = s.resolve_id(&id).map_err(store_error)?.ok_or_else(|| ApiError::not_found(format!("no document {id}")))?;
            s.analysis(&full).map_err(store_error)?.ok_or_else(|| ApiError::not_found(format!("no document {id}")))
        })
        .await
        .map(Json)
}

fn limit(requested: Option<usize>) -> usize {
    requested.unwrap_or(100).clamp(1, MAX_LIMIT)
}

/// Query of `GET /api/events`.
#[derive(Debug, Default, Deserialize)]
pub struct EventsQuery {
    actor: Option<String>,
    source: Option<String>,
    target: Option<String>,
    code: Option<String>,
    plover: Option<String>,
    modality: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
}

async fn events(State(state): State<Arc<AppState>>, Query(q): Query<EventsQuery>) -> Result<Json<Vec<dyad_store::EventRow>>, ApiError> {
    let filter = EventFilter {
        actor: q.actor,
        source: q.source,
        target: q.target,
        code: q.code,
        plover: q.plover,
        modality: q.modality,
        since: q.since,
        until: q.until,
        limit: limit(q.limit),
    };
    Ok(Json(state.with_store(move |s| s.events(&filter).map_err(store_error)).await?))
}

/// Query of `GET /api/quotes`.
#[derive(Debug, Default, Deserialize)]
pub struct QuotesQuery {
    speaker: Option<String>,
    actor: Option<String>,
    q: Option<String>,
    kind: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
}

async fn quotes(State(state): State<Arc<AppState>>, Query(q): Query<QuotesQuery>) -> Result<Json<Vec<dyad_store::QuoteRow>>, ApiError> {
    let filter = QuoteFilter {
        speaker: q.speaker,
        actor: q.actor,
        search: q.q,
        kind: q.kind,
        since: q.since,
        until: q.until,
        limit: limit(q.limit),
    };
    Ok(Json(state.with_store(move |s| s.quotes(&filter).map_err(store_error)).await?))
}

/// Query of `GET /api/search`.
#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
    limit: Option<usize>,
}

async fn search(State(state): State<Arc<AppState>>, Query(q): Query<SearchQuery>) -> Result<Json<Vec<dyad_store::SearchHit>>, ApiError> {
    let Some(text) = q.q.filter(|t| !t.trim().is_empty()) else {
        return Err(ApiError::bad_request("give the words to search for as ?q="));
    };
    let n = limit(q.limit);
    Ok(Json(state.with_store(move |s| s.search(&text, n).map_err(store_error)).await?))
}

/// `POST /api/documents`: analyse and store the body.
async fn post_documents(State(state): State<Arc<AppState>>, headers: axum::http::HeaderMap, body: axum::body::Bytes) -> Result<Json<serde_json::Value>, ApiError> {
    state.allows_writes(headers.get(axum::http::header::AUTHORIZATION).and_then(|h| h.to_str().ok()))?;
    let content_type = headers.get(axum::http::header::CONTENT_TYPE).and_then(|h| h.to_str().ok()).unwrap_or("");
    let format = match content_type.split(';').next().unwrap_or("").trim() {
        "text/plain" => dyad::ingest::read::FormatHint::Text,
        "text/html" => dyad::ingest::read::FormatHint::Html,
        "application/jsonl" | "application/x-ndjson" | "application/x-jsonlines" => dyad::ingest::read::FormatHint::Jsonl,
        _ => dyad::ingest::read::FormatHint::Auto,
    };
    let worker = Arc::clone(&state);
    let (analyses, failed) = tokio::task::spawn_blocking(move || {
        let config = dyad::ingest::read::ReadConfig { format, ..Default::default() };
        let mut analyses = Vec::new();
        let mut failed = Vec::new();
        for read in dyad::ingest::read::read_bytes(&body, "POST /api/documents", &config) {
            match read {
                Ok(raw) => analyses.push(dyad_wire::AnalysisJson::from_analysis(&worker.pipeline.analyze(raw))),
                Err(e) => failed.push(e.to_string()),
            }
        }
        (analyses, failed)
    })
    .await
    .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?;
    let ids: Vec<String> = analyses.iter().map(|a| a.document.id.clone()).collect();
    let outcomes = state.with_store(move |s| s.insert(&analyses).map_err(store_error)).await?;
    let documents: Vec<serde_json::Value> = ids
        .iter()
        .zip(outcomes)
        .map(|(id, o)| serde_json::json!({ "id": id, "status": if o == dyad_store::InsertOutcome::New { "new" } else { "duplicate" } }))
        .collect();
    Ok(Json(serde_json::json!({ "documents": documents, "failed": failed })))
}

async fn openapi() -> impl IntoResponse {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        include_str!("openapi.json"),
    )
}

#[cfg(test)]
mod tests;

//! `dyad serve`: the analyst's workbench — a JSON API over what `dyad
//! ingest` stored (SQLite or PostgreSQL) and the web UI embedded in the
//! binary.
//!
//! Read endpoints (open; the server listens on loopback by default):
//!
//! | route | what |
//! |---|---|
//! | `GET /api/health` | `{"ok": true, "schema": N, "backend": "sqlite"}` |
//! | `GET /api/stats` | counts over the database |
//! | `GET /api/documents` | documents, latest ingested first (paged) |
//! | `GET /api/documents/{id}` | one document's analysis (wire JSON without tokens); an id prefix works |
//! | `GET /api/events` | events (paged): `actor`, `dyad`, `source`, `target`, `code`, `quad`, `plover`, `modality`, `since`, `until`, `place`, `q`, `doc` |
//! | `GET /api/events/export` | the same filters as a download: `format=csv` (GDELT columns) or `json`, at most 100,000 rows |
//! | `GET /api/quotes` | quotes (paged): `speaker`, `actor`, `q`, `kind`, `since`, `until`, `doc` |
//! | `GET /api/speakers`, `/api/actors`, `/api/entities`, `/api/places` | aggregates with counts and first/last seen (paged) |
//! | `GET /api/dyads`, `/api/timeline`, `/api/network`, `/api/map` | what the UI draws, aggregated by the database |
//! | `GET /api/search` | full-text search over sentences: `q`, `limit` |
//! | `GET /api/openapi.json` | the OpenAPI description of all this |
//! | `GET /…` | the web UI (`web/dist`, embedded) |
//!
//! Paged lists answer `{"items": [...], "next": cursor|null}`; `cursor=`
//! asks for the page after. Lists page by keyset, so pages do not shift
//! while documents are added.
//!
//! One write: `POST /api/documents` analyses and stores the body (plain
//! text, an HTML page or JSON Lines, by `Content-Type`, else by content),
//! only with `Authorization: Bearer <token>` matching the token the server
//! was started with (the scheme exactly `Bearer`, the token compared in
//! constant time, checked before the body is read); with no token set,
//! writes are refused (403), with a missing or wrong one too (401).
//!
//! Every handler runs its database work on a blocking thread with a
//! connection taken from a small pool; errors become JSON
//! `{"error": "..."}` with a 4xx or 5xx status.
//!
//! Limits, for a server left up under load and attack (constants below;
//! the timeout and the number of jobs are [`Options`]):
//!
//! * a request body over [`MAX_BODY`] (32 MiB) is a 413 and nothing is
//!   stored;
//! * a query string over [`MAX_QUERY`] (8 KiB) is a 414, a parameter value
//!   over [`MAX_PARAM`] bytes (512, after decoding) a 400;
//! * at most [`MAX_JOBS`] database jobs (and analyses of posted documents)
//!   run at once, so a flood of requests cannot use up threads or
//!   connections: the others wait their turn;
//! * a request that takes longer than [`REQUEST_TIMEOUT`] (30 s, the wait
//!   for a job's turn included) is answered 503; its database job, once
//!   started, runs to its end (a write that was already analysed is still
//!   stored, once: documents are keyed by their content).
//!
//! Browsers may not call the API from other sites' pages: no CORS header
//! is sent unless `dyad serve --cors-origin ORIGIN` opens it to that one
//! origin. SQL is built with placeholders only (`dyad-store`); user text
//! never becomes SQL or full-text syntax other than the search box's.
#![deny(missing_docs)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{FromRequestParts, Path, Query, State};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use dyad_store::{EventFilter, Page, QuoteFilter, Store};
use serde::Deserialize;

/// Largest page a list endpoint returns.
pub const MAX_LIMIT: usize = 1000;

/// Most rows `GET /api/events/export` writes.
pub const MAX_EXPORT: usize = 100_000;

/// Largest request body `POST /api/documents` takes.
pub const MAX_BODY: usize = 32 * 1024 * 1024;

/// Longest query string (the part of the URL after `?`), in bytes.
pub const MAX_QUERY: usize = 8 * 1024;

/// Longest value of one query parameter, in bytes after percent-decoding:
/// words, codes, names and cursors are far shorter.
pub const MAX_PARAM: usize = 512;

/// How long a request may take by default, its wait for a job's turn
/// included.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How many database jobs run at once by default (and how many
/// connections the pool keeps).
pub const MAX_JOBS: usize = 8;

/// How the server runs; `Options::default()` is what `dyad serve` runs
/// with.
#[derive(Clone, Debug)]
pub struct Options {
    /// Longest a request may take (its wait for a job's turn included):
    /// after that it is answered 503.
    pub timeout: Duration,
    /// Database jobs (and analyses of posted documents) that run at once;
    /// further requests wait.
    pub max_jobs: usize,
    /// The one origin (`https://host[:port]`) whose pages may call the API
    /// from a browser; `None` (the default): no CORS header is ever sent.
    pub cors_origin: Option<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options { timeout: REQUEST_TIMEOUT, max_jobs: MAX_JOBS, cors_origin: None }
    }
}

/// What the server needs: where the database is, open connections to it,
/// the pipeline for writes and the token that allows them.
#[derive(Debug)]
pub struct AppState {
    db: String,
    pool: Mutex<Vec<Store>>,
    /// One permit per job that may run at once.
    jobs: Arc<tokio::sync::Semaphore>,
    /// How many (and how many connections the pool keeps).
    max_jobs: usize,
    timeout: Duration,
    cors_origin: Option<HeaderValue>,
    pipeline: dyad::Pipeline,
    /// BLAKE3 hash of the write token; `None`: writes are off.
    token: Option<[u8; 32]>,
}

impl AppState {
    /// State over the database at `db`, a SQLite file or a PostgreSQL URL
    /// (created and migrated if missing); `token` allows writes.
    pub fn open(db: &str, token: Option<&str>) -> Result<Arc<AppState>, String> {
        AppState::open_with(db, token, Options::default())
    }

    /// [`AppState::open`] with other [`Options`].
    pub fn open_with(db: &str, token: Option<&str>, options: Options) -> Result<Arc<AppState>, String> {
        let cors_origin = match options.cors_origin.as_deref() {
            None => None,
            Some(origin) => {
                let origin = origin.trim_end_matches('/');
                let host = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://")).unwrap_or("");
                if host.is_empty() || host.contains(['/', '?', '#', '*', ' ']) {
                    return Err(format!("a CORS origin is http(s)://host[:port], not {origin:?}"));
                }
                Some(HeaderValue::from_str(origin).map_err(|_| format!("a CORS origin is http(s)://host[:port], not {origin:?}"))?)
            }
        };
        let store = Store::open_location(db).map_err(|e| format!("cannot open {}: {e}", dyad_store::redact_location(db)))?;
        let db = db.to_string();
        let token = token.filter(|t| !t.is_empty()).map(|t| *blake3::hash(t.as_bytes()).as_bytes());
        Ok(Arc::new(AppState {
            db,
            pool: Mutex::new(vec![store]),
            jobs: Arc::new(tokio::sync::Semaphore::new(options.max_jobs.max(1))),
            max_jobs: options.max_jobs.max(1),
            timeout: options.timeout,
            cors_origin,
            pipeline: dyad::Pipeline::new(),
            token,
        }))
    }

    /// Waits for a job's turn: the permit is held while the job runs (on
    /// its blocking thread, to its end even when the request has timed
    /// out).
    async fn turn(&self) -> Result<tokio::sync::OwnedSemaphorePermit, ApiError> {
        Arc::clone(&self.jobs).acquire_owned().await.map_err(|_| ApiError::internal("the server is shutting down"))
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
        let permit = self.turn().await?;
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let taken = state.pool.lock().ok().and_then(|mut p| p.pop());
            let mut store = match taken {
                Some(s) => s,
                None => Store::open_location(&state.db).map_err(|e| ApiError::internal(format!("cannot open the database: {e}")))?,
            };
            let out = f(&mut store);
            if let Ok(mut pool) = state.pool.lock() {
                if pool.len() < state.max_jobs {
                    pool.push(store);
                }
            }
            out
        })
        .await
        .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
    }
}

impl Drop for AppState {
    /// PostgreSQL connections close by blocking on their own runtime, which
    /// a thread of the server's runtime may not do: they are closed on a
    /// thread of their own.
    fn drop(&mut self) {
        let stores = std::mem::take(self.pool.get_mut().unwrap_or_else(|poisoned| poisoned.into_inner()));
        let _ = std::thread::spawn(move || drop(stores)).join();
    }
}

/// Query-string parameters; malformed ones (a `limit` that is not a
/// number) are a JSON 400 like every other error.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T: serde::de::DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(query)) => Ok(ApiQuery(query)),
            Err(rejection) => Err(ApiError::bad_request(rejection.body_text())),
        }
    }
}

/// Proof that a request carries the write token: checked from the
/// headers, before the body is read.
#[derive(Debug)]
struct WriteToken;

impl FromRequestParts<Arc<AppState>> for WriteToken {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut axum::http::request::Parts, state: &Arc<AppState>) -> Result<Self, Self::Rejection> {
        state.allows_writes(parts.headers.get(axum::http::header::AUTHORIZATION).and_then(|h| h.to_str().ok()))?;
        Ok(WriteToken)
    }
}

/// The limits every request meets before its handler runs: the length of
/// the query string and of each parameter; then the time it may take.
async fn guard(State(state): State<Arc<AppState>>, request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    if let Some(query) = request.uri().query() {
        if query.len() > MAX_QUERY {
            let message = format!("the query string is {} bytes, more than the {MAX_QUERY} this server reads", query.len());
            return ApiError { status: StatusCode::URI_TOO_LONG, message }.into_response();
        }
        // Malformed query strings are the handlers' to refuse.
        if let Ok(Query(params)) = Query::<Vec<(String, String)>>::try_from_uri(request.uri()) {
            if let Some((name, value)) = params.iter().find(|(_, value)| value.len() > MAX_PARAM) {
                let message = format!("parameter {name:?} is {} bytes long, more than the {MAX_PARAM} this server takes", value.len());
                return ApiError::bad_request(message).into_response();
            }
            // No text a database keeps holds one (PostgreSQL cannot).
            if let Some((name, _)) = params.iter().find(|(name, value)| name.contains('\0') || value.contains('\0')) {
                return ApiError::bad_request(format!("parameter {name:?} holds a NUL character")).into_response();
            }
        }
    }
    match tokio::time::timeout(state.timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let message = format!("the request took longer than {:.1} s; try a narrower filter or a smaller page", state.timeout.as_secs_f64());
            ApiError { status: StatusCode::SERVICE_UNAVAILABLE, message }.into_response()
        }
    }
}

/// Checks a date bound: `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` for a whole
/// month or year.
fn check_date(name: &str, value: Option<&str>) -> Result<(), ApiError> {
    let Some(value) = value.filter(|v| !v.is_empty()) else { return Ok(()) };
    let parts: Vec<&str> = value.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let in_range = |s: &str, hi: u32| s.parse::<u32>().is_ok_and(|v| (1..=hi).contains(&v));
    let valid = match parts.as_slice() {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && in_range(m, 12),
        [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2) && in_range(m, 12) && in_range(d, 31),
        _ => false,
    };
    if valid {
        Ok(())
    } else {
        Err(ApiError::bad_request(format!("{name} is a date, YYYY-MM-DD (or YYYY-MM, YYYY), not {value:?}")))
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
    if e.is_bad_request() {
        ApiError::bad_request(e.to_string())
    } else {
        ApiError::internal(e.to_string())
    }
}

/// The router with every route, over `state`.
pub fn router(state: Arc<AppState>) -> Router {
    let router = Router::new()
        .route("/api/health", get(health))
        .route("/api/stats", get(stats))
        .route("/api/documents", get(documents).post(post_documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/events", get(events))
        .route("/api/events/export", get(export_events))
        .route("/api/quotes", get(quotes))
        .route("/api/speakers", get(speakers))
        .route("/api/actors", get(actors))
        .route("/api/entities", get(entities))
        .route("/api/places", get(places))
        .route("/api/dyads", get(dyads))
        .route("/api/timeline", get(timeline))
        .route("/api/network", get(network))
        .route("/api/map", get(map))
        .route("/api/search", get(search))
        .route("/api/openapi.json", get(openapi))
        .route("/api", get(api_not_found))
        .route("/api/{*rest}", get(api_not_found))
        .fallback(get(ui::asset))
        .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY))
        .layer(axum::middleware::from_fn_with_state(Arc::clone(&state), guard));
    // Outermost, so that errors of the guard carry the header too.
    let router = match state.cors_origin.clone() {
        Some(origin) => router.layer(
            tower_http::cors::CorsLayer::new()
                // A list, not `exact`: the header is sent only to the
                // origin that matches, never to others.
                .allow_origin(tower_http::cors::AllowOrigin::list([origin]))
                .allow_methods([axum::http::Method::GET, axum::http::Method::POST])
                .allow_headers([axum::http::header::AUTHORIZATION, axum::http::header::CONTENT_TYPE]),
        ),
        None => router,
    };
    router.with_state(state)
}

/// Serves `state` on `addr` until Ctrl-C; says where on stderr (the port
/// the system chose when `addr` asks for port 0).
pub async fn serve(state: Arc<AppState>, addr: std::net::SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    eprintln!("dyad serve: listening on http://{}", listener.local_addr()?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

async fn api_not_found() -> ApiError {
    ApiError::not_found("no such API route (see /api/openapi.json)")
}

async fn health(State(state): State<Arc<AppState>>) -> Result<Json<serde_json::Value>, ApiError> {
    let (schema, dialect) = state.with_store(|s| Ok((s.schema_version().map_err(store_error)?, s.dialect()))).await?;
    let backend = match dialect {
        dyad_store::Dialect::Sqlite => "sqlite",
        dyad_store::Dialect::Postgres => "postgres",
    };
    Ok(Json(serde_json::json!({ "ok": true, "schema": schema, "backend": backend })))
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

/// Query of the event routes: filters, page and (for the export) format.
#[derive(Debug, Default, Deserialize)]
pub struct EventsQuery {
    actor: Option<String>,
    dyad: Option<String>,
    source: Option<String>,
    target: Option<String>,
    code: Option<String>,
    quad: Option<u8>,
    plover: Option<String>,
    modality: Option<String>,
    since: Option<String>,
    until: Option<String>,
    place: Option<String>,
    q: Option<String>,
    doc: Option<String>,
    cursor: Option<String>,
    limit: Option<usize>,
    format: Option<String>,
    bucket: Option<String>,
}

impl EventsQuery {
    fn filter(self, default_limit: usize) -> Result<EventFilter, ApiError> {
        if self.quad.is_some_and(|q| !(1..=4).contains(&q)) {
            return Err(ApiError::bad_request("quad is a quad class, 1 to 4"));
        }
        check_date("since", self.since.as_deref())?;
        check_date("until", self.until.as_deref())?;
        Ok(EventFilter {
            actor: self.actor,
            dyad: self.dyad,
            source: self.source,
            target: self.target,
            code: self.code,
            quad: self.quad,
            plover: self.plover,
            modality: self.modality,
            since: self.since,
            until: self.until,
            place: self.place,
            text: self.q,
            doc: self.doc,
            cursor: self.cursor,
            limit: self.limit.unwrap_or(default_limit).clamp(1, MAX_LIMIT),
        })
    }
}

async fn events(State(state): State<Arc<AppState>>, ApiQuery(q): ApiQuery<EventsQuery>) -> Result<Json<Page<dyad_store::EventRow>>, ApiError> {
    let filter = q.filter(100)?;
    Ok(Json(state.with_store(move |s| s.events(&filter).map_err(store_error)).await?))
}

/// `GET /api/events/export`: every matching event (up to [`MAX_EXPORT`])
/// as a CSV or JSON download.
async fn export_events(State(state): State<Arc<AppState>>, ApiQuery(q): ApiQuery<EventsQuery>) -> Result<Response, ApiError> {
    let csv = match q.format.as_deref().unwrap_or("csv") {
        "csv" => true,
        "json" => false,
        other => return Err(ApiError::bad_request(format!("format is csv or json, not {other:?}"))),
    };
    let mut filter = q.filter(MAX_LIMIT)?;
    filter.limit = MAX_LIMIT;
    let rows = state
        .with_store(move |s| {
            let mut rows = Vec::new();
            loop {
                let page = s.events(&filter).map_err(store_error)?;
                rows.extend(page.items);
                match page.next {
                    Some(next) if rows.len() < MAX_EXPORT => filter.cursor = Some(next),
                    _ => break,
                }
            }
            rows.truncate(MAX_EXPORT);
            Ok(rows)
        })
        .await?;
    let (body, content_type, name) = if csv {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let written: Result<(), csv::Error> = (|| {
            writer.write_record(dyad_store::GDELT_COLUMNS)?;
            for row in &rows {
                writer.write_record(row.gdelt_record())?;
            }
            Ok(())
        })();
        written.map_err(|e| ApiError::internal(format!("cannot write CSV: {e}")))?;
        let body = writer.into_inner().map_err(|e| ApiError::internal(format!("cannot write CSV: {e}")))?;
        (body, "text/csv; charset=utf-8", "dyad-events.csv")
    } else {
        let body = serde_json::to_vec(&rows).map_err(|e| ApiError::internal(format!("cannot write JSON: {e}")))?;
        (body, "application/json", "dyad-events.json")
    };
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, content_type.to_string()),
            (axum::http::header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        body,
    )
        .into_response())
}

async fn dyads(State(state): State<Arc<AppState>>, ApiQuery(q): ApiQuery<EventsQuery>) -> Result<Json<Page<dyad_store::DyadRow>>, ApiError> {
    let filter = q.filter(20)?;
    Ok(Json(state.with_store(move |s| s.dyads(&filter).map_err(store_error)).await?))
}

async fn timeline(State(state): State<Arc<AppState>>, ApiQuery(mut q): ApiQuery<EventsQuery>) -> Result<Json<dyad_store::Timeline>, ApiError> {
    let bucket = q.bucket.take().unwrap_or_else(|| "week".to_string());
    let filter = q.filter(MAX_LIMIT)?;
    Ok(Json(state.with_store(move |s| s.timeline(&filter, &bucket).map_err(store_error)).await?))
}

async fn network(State(state): State<Arc<AppState>>, ApiQuery(q): ApiQuery<EventsQuery>) -> Result<Json<dyad_store::Network>, ApiError> {
    let filter = q.filter(150)?;
    Ok(Json(state.with_store(move |s| s.network(&filter).map_err(store_error)).await?))
}

async fn map(State(state): State<Arc<AppState>>, ApiQuery(q): ApiQuery<EventsQuery>) -> Result<Json<Page<dyad_store::MapPoint>>, ApiError> {
    let filter = q.filter(MAX_LIMIT)?;
    let items = state.with_store(move |s| s.map(&filter).map_err(store_error)).await?;
    Ok(Json(Page { items, next: None }))
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
    doc: Option<String>,
    cursor: Option<String>,
    limit: Option<usize>,
}

async fn quotes(State(state): State<Arc<AppState>>, ApiQuery(q): ApiQuery<QuotesQuery>) -> Result<Json<Page<dyad_store::QuoteRow>>, ApiError> {
    check_date("since", q.since.as_deref())?;
    check_date("until", q.until.as_deref())?;
    let filter = QuoteFilter {
        speaker: q.speaker,
        actor: q.actor,
        search: q.q,
        kind: q.kind,
        since: q.since,
        until: q.until,
        doc: q.doc,
        cursor: q.cursor,
        limit: limit(q.limit),
    };
    Ok(Json(state.with_store(move |s| s.quotes(&filter).map_err(store_error)).await?))
}

/// Query of the aggregate lists: words or prefix, kind, page.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    q: Option<String>,
    kind: Option<String>,
    cursor: Option<String>,
    limit: Option<usize>,
}

async fn documents(State(state): State<Arc<AppState>>, ApiQuery(q): ApiQuery<ListQuery>) -> Result<Json<Page<dyad_store::DocumentRow>>, ApiError> {
    let n = limit(q.limit);
    Ok(Json(state.with_store(move |s| s.documents(n, q.cursor.as_deref()).map_err(store_error)).await?))
}

async fn speakers(State(state): State<Arc<AppState>>, ApiQuery(q): ApiQuery<ListQuery>) -> Result<Json<Page<dyad_store::SpeakerRow>>, ApiError> {
    let n = limit(q.limit);
    Ok(Json(state.with_store(move |s| s.speakers(q.q.as_deref(), n, q.cursor.as_deref()).map_err(store_error)).await?))
}

async fn actors(State(state): State<Arc<AppState>>, ApiQuery(q): ApiQuery<ListQuery>) -> Result<Json<Page<dyad_store::ActorRow>>, ApiError> {
    let n = limit(q.limit);
    Ok(Json(state.with_store(move |s| s.actors(q.q.as_deref(), n, q.cursor.as_deref()).map_err(store_error)).await?))
}

async fn entities(State(state): State<Arc<AppState>>, ApiQuery(q): ApiQuery<ListQuery>) -> Result<Json<Page<dyad_store::EntityRow>>, ApiError> {
    let n = limit(q.limit);
    Ok(Json(state.with_store(move |s| s.entities(q.kind.as_deref(), q.q.as_deref(), n, q.cursor.as_deref()).map_err(store_error)).await?))
}

async fn places(State(state): State<Arc<AppState>>, ApiQuery(q): ApiQuery<ListQuery>) -> Result<Json<Page<dyad_store::PlaceRow>>, ApiError> {
    let n = limit(q.limit);
    Ok(Json(state.with_store(move |s| s.places(q.q.as_deref(), n, q.cursor.as_deref()).map_err(store_error)).await?))
}

/// Query of `GET /api/search`.
#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    q: Option<String>,
    limit: Option<usize>,
}

async fn search(State(state): State<Arc<AppState>>, ApiQuery(q): ApiQuery<SearchQuery>) -> Result<Json<Vec<dyad_store::SearchHit>>, ApiError> {
    let Some(text) = q.q.filter(|t| !t.trim().is_empty()) else {
        return Err(ApiError::bad_request("give the words to search for as ?q="));
    };
    let n = limit(q.limit);
    Ok(Json(state.with_store(move |s| s.search(&text, n).map_err(store_error)).await?))
}

/// `POST /api/documents`: analyse and store the body.
async fn post_documents(
    State(state): State<Arc<AppState>>,
    _token: WriteToken,
    headers: axum::http::HeaderMap,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let body = body.map_err(|rejection| ApiError { status: rejection.status(), message: rejection.body_text() })?;
    let content_type = headers.get(axum::http::header::CONTENT_TYPE).and_then(|h| h.to_str().ok()).unwrap_or("");
    let format = match content_type.split(';').next().unwrap_or("").trim() {
        "text/plain" => dyad::ingest::read::FormatHint::Text,
        "text/html" => dyad::ingest::read::FormatHint::Html,
        "application/jsonl" | "application/x-ndjson" | "application/x-jsonlines" => dyad::ingest::read::FormatHint::Jsonl,
        _ => dyad::ingest::read::FormatHint::Auto,
    };
    let worker = Arc::clone(&state);
    let permit = state.turn().await?;
    let (analyses, failed) = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let config = dyad::ingest::read::ReadConfig { format, ..Default::default() };
        let mut analyses = Vec::new();
        let mut failed = Vec::new();
        for read in dyad::ingest::read::read_bytes(&body, "POST /api/documents", &config) {
            match read {
                // Without tokens and chunks, which the store leaves out anyway.
                Ok(raw) => analyses.push(dyad_wire::AnalysisJson::from_analysis_with(&worker.pipeline.analyze(raw), dyad_wire::WireOptions::STORED)),
                Err(e) => failed.push(e.to_string()),
            }
        }
        (analyses, failed)
    })
    .await
    .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?;
    let ids: Vec<String> = analyses.iter().map(|a| a.document.id.clone()).collect();
    let outcomes = state.with_store(move |s| s.insert(&analyses).map_err(store_error)).await?;
    let documents: Vec<serde_json::Value> = ids.iter().zip(outcomes).map(|(id, status)| serde_json::json!({ "id": id, "status": status })).collect();
    Ok(Json(serde_json::json!({ "documents": documents, "failed": failed })))
}

async fn openapi() -> impl IntoResponse {
    ([(axum::http::header::CONTENT_TYPE, "application/json")], include_str!("openapi.json"))
}

mod ui;

#[cfg(test)]
mod tests;

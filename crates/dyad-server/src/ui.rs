//! The web UI: the files `npm run build` writes to `web/dist`, embedded in
//! the binary at compile time. Paths that are not files get `index.html`
//! (the UI routes by URL fragment). Only embedded files are ever served:
//! no path reaches the file system.

use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};

#[derive(rust_embed::RustEmbed)]
#[folder = "../../web/dist/"]
struct Assets;

/// The embedded file at the request's path, else `index.html`.
pub(crate) async fn asset(uri: Uri) -> Response {
    let path = uri.path().trim_start_matches('/');
    let (path, file) = match Assets::get(path) {
        Some(file) if !path.is_empty() => (path, file),
        // A built file that is not there is missing, not a page to route.
        None if path.starts_with("assets/") => return (StatusCode::NOT_FOUND, "no such asset").into_response(),
        _ => match Assets::get("index.html") {
            Some(file) => ("index.html", file),
            None => return (StatusCode::NOT_FOUND, "the web UI was not built into this binary").into_response(),
        },
    };
    // Built assets carry a content hash in their name: cache them for good.
    let cache = if path.starts_with("assets/") { "public, max-age=31536000, immutable" } else { "no-cache" };
    (
        [
            (header::CONTENT_TYPE, file.metadata.mimetype().to_string()),
            (header::CACHE_CONTROL, cache.to_string()),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff".to_string()),
        ],
        file.data,
    )
        .into_response()
}

-- Mixed reads against `dyad serve`, for bench/load.sh (wrk 4, LuaJIT).
--
--   wrk -t2 -c32 -d60s --latency -s bench/load.lua http://127.0.0.1:PORT -- DOC_ID...
--
-- Each request is one of the read routes below, picked at random (routes
-- listed twice come twice as often); "DOC" is one stored document by id,
-- from the ids given after `--`. Every answer that is not 2xx or 3xx is
-- counted (wrk itself counts only 4xx and 5xx) and the first few are shown;
-- `done` prints one summary line that bench/load.sh reads:
--
--   dyad-load: requests N, R requests/s, p50 X ms, p99 Y ms, non-2xx/3xx F, socket errors S (connect, read, write, timeout)

local routes = {
  "/api/health",
  "/api/stats",
  "/api/documents?limit=20",
  "/api/documents?limit=100",
  "/api/events",
  "/api/events?limit=50",
  "/api/events?actor=USA",
  "/api/events?actor=RUS&code=04",
  "/api/events?code=19",
  "/api/events?quad=4&limit=20",
  "/api/events?dyad=USA-RUS",
  "/api/events?q=government",
  "/api/events?q=president&actor=USA",
  "/api/events?since=2000-01-01&until=2030-12-31",
  "/api/events?place=Washington",
  "/api/events?plover=CONSULT",
  "/api/quotes",
  "/api/quotes?q=said",
  "/api/quotes?speaker=president",
  "/api/search?q=government",
  "/api/search?q=minister%20talks",
  "/api/search?q=police",
  "/api/entities",
  "/api/entities?kind=PER&limit=20",
  "/api/entities?q=united",
  "/api/places",
  "/api/places?q=new",
  "/api/actors",
  "/api/speakers",
  "/api/dyads",
  "/api/dyads?actor=USA",
  "/api/timeline",
  "/api/timeline?dyad=USA-RUS&bucket=month",
  "/api/network",
  "/api/map",
  "/api/map?actor=USA",
  "DOC",
  "DOC",
  "DOC",
}

local ids = {}
local threads = {}

function setup(thread)
  thread:set("thread_no", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  for _, id in ipairs(args) do
    ids[#ids + 1] = id
  end
  math.randomseed(os.time() * 1000 + (thread_no or 0))
  failed = 0
  shown = 0
end

function request()
  local path = routes[math.random(#routes)]
  if path == "DOC" then
    if #ids == 0 then
      path = "/api/documents?limit=1"
    else
      path = "/api/documents/" .. ids[math.random(#ids)]
    end
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status < 200 or status >= 400 then
    failed = failed + 1
    if shown < 5 then
      shown = shown + 1
      io.stderr:write(string.format("dyad-load: HTTP %d: %s\n", status, string.sub(body or "", 1, 200)))
    end
  end
end

function done(summary, latency, requests)
  local n_failed = 0
  for _, thread in ipairs(threads) do
    n_failed = n_failed + (thread:get("failed") or 0)
  end
  local e = summary.errors
  local socket = e.connect + e.read + e.write + e.timeout
  io.write(string.format(
    "dyad-load: requests %d, %.1f requests/s, p50 %.2f ms, p99 %.2f ms, non-2xx/3xx %d, socket errors %d (connect %d, read %d, write %d, timeout %d)\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    n_failed, socket, e.connect, e.read, e.write, e.timeout))
end

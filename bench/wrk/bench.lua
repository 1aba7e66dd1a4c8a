-- wrk script for bench/api-run.sh. Environment: WRK_METHOD (default GET), WRK_BODY (request body),
-- WRK_TOKEN (Bearer token, optional). At the end it prints one machine-readable line:
-- WRK <requests> <seconds> <p50 ms> <p99 ms> <mean ms> <status>=400 count> <connect> <read> <write> <timeout> <max ms>
local method = os.getenv("WRK_METHOD")
local body = os.getenv("WRK_BODY")
local token = os.getenv("WRK_TOKEN")
if method and method ~= "" then
  wrk.method = method
end
if body and body ~= "" then
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
end
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %d %.3f %.3f %.3f %.3f %d %d %d %d %d %.3f\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000, e.status, e.connect, e.read, e.write, e.timeout, latency.max / 1000))
end

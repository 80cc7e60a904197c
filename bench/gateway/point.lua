-- wrk script for bench/gateway/throughput.sh: Neon SQL-over-HTTP point queries
-- (`select v from point where id = $1`, random id in 1..BENCH_ROWS) with the headers
-- @neondatabase/serverless sends. The request strings are built once per thread (4096 random ids,
-- cycled), so wrk spends no time in Lua formatting while it measures.
-- Needs BENCH_CONN (the Neon-Connection-String) and BENCH_ROWS in the environment.
local rows = tonumber(os.getenv("BENCH_ROWS") or "10000")
local conn = os.getenv("BENCH_CONN") or error("BENCH_CONN is not set")

wrk.method = "POST"
wrk.headers["Neon-Connection-String"] = conn
wrk.headers["Neon-Raw-Text-Output"] = "true"
wrk.headers["Neon-Array-Mode"] = "true"
wrk.headers["Content-Type"] = "application/json"

local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

local reqs = {}
local n = 0
local i = 0
function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919)
  for k = 1, 4096 do
    local body = string.format('{"query":"select v from point where id = $1","params":["%d"]}', math.random(1, rows))
    reqs[k] = wrk.format(nil, nil, nil, body)
  end
  n = #reqs
end

function request()
  i = i % n + 1
  return reqs[i]
end

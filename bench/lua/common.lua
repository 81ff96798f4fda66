-- Shared by every scenario: the bearer token, id lists, random picks, and counting of
-- responses that are not 2xx (wrk's own error count leaves out 3xx and counts only >= 400).
-- Each wrk thread has its own Lua state; done() runs in the main one and sums the threads.
local common = {}

local token = os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN is not set")
common.headers = { ["Authorization"] = "Bearer " .. token }
common.json_headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }

function common.read_ids(variable)
  local path = os.getenv(variable) or error(variable .. " is not set")
  local ids = {}
  for line in io.lines(path) do
    if #line > 0 then ids[#ids + 1] = line end
  end
  if #ids == 0 then error(path .. " holds no ids") end
  return ids
end

function common.pick(list)
  return list[math.random(#list)]
end

local threads = {}
local counter = 0

function common.install()
  function setup(thread)
    counter = counter + 1
    thread:set("thread_number", counter)
    table.insert(threads, thread)
  end

  function init(args)
    -- Different random sequences per thread; thread_number is set by setup() before init().
    math.randomseed(os.time() * 1000 + (thread_number or 0))
    non_2xx = 0
    statuses = {}
    if common.init then common.init(args) end
  end

  function response(status, headers, body)
    if status < 200 or status > 299 then
      non_2xx = non_2xx + 1
      statuses[status] = (statuses[status] or 0) + 1
    end
  end

  function done(summary, latency, requests)
    local bad, by_status = 0, {}
    for _, thread in ipairs(threads) do
      bad = bad + thread:get("non_2xx")
      for status, n in pairs(thread:get("statuses")) do
        by_status[status] = (by_status[status] or 0) + n
      end
    end
    local codes = {}
    for status, n in pairs(by_status) do codes[#codes + 1] = status .. ":" .. n end
    local seconds = summary.duration / 1e6
    local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
    -- One line the runner parses: latencies in microseconds.
    io.write(string.format(
      "BENCH requests=%d seconds=%.3f rps=%.1f p50=%d p90=%d p99=%d max=%d non2xx=%d socket_errors=%d statuses=%s\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
      bad, errors, table.concat(codes, ",")))
  end
end

return common

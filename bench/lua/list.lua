-- GET of a fixed list URL (BENCH_PATH), e.g. /api/v1/orders?limit=50 or a deep ?offset=.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local path = os.getenv("BENCH_PATH") or error("BENCH_PATH is not set")

function request()
  return wrk.format("GET", path, common.headers)
end

common.install()

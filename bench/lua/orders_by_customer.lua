-- GET /api/v1/orders?customer={id} over random seeded customers (about 10 orders each).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local customers

function common.init() customers = common.read_ids("BENCH_CUSTOMER_IDS") end

function request()
  return wrk.format("GET", "/api/v1/orders?customer=" .. common.pick(customers), common.headers)
end

common.install()

-- GET /api/v1/customers/{id} over random seeded customers.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local customers

function common.init() customers = common.read_ids("BENCH_CUSTOMER_IDS") end

function request()
  return wrk.format("GET", "/api/v1/customers/" .. common.pick(customers), common.headers)
end

common.install()

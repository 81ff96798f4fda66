-- POST /api/v1/orders: a random customer, item and quantity (each order also queues its SMS).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local customers, items

function common.init()
  customers = common.read_ids("BENCH_CUSTOMER_IDS")
  items = common.read_ids("BENCH_ITEM_IDS")
end

function request()
  local body = string.format('{"customer":"%s","item":"%s","quantity":%d}',
    common.pick(customers), common.pick(items), math.random(1, 5))
  return wrk.format("POST", "/api/v1/orders", common.json_headers, body)
end

common.install()

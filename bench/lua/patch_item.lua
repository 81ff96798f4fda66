-- PATCH /api/v1/items/{id}: a new price for a random item, without If-Match (an unconditional
-- change, as most clients send it); 32 connections over 100 items means concurrent writes to one row.
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local items

function common.init() items = common.read_ids("BENCH_ITEM_IDS") end

function request()
  local body = string.format('{"price":"%d.%02d"}', math.random(1, 9999), math.random(0, 99))
  return wrk.format("PATCH", "/api/v1/items/" .. common.pick(items), common.json_headers, body)
end

common.install()

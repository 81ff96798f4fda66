-- POST /api/v1/customers: random names and a Kenyan mobile number (written as 07..., stored as +2547...).
package.path = os.getenv("BENCH_LUA") .. "/?.lua;" .. package.path
local common = require("common")
local first = { "Amina", "Brian", "Caroline", "David", "Esther", "Faith", "George", "Halima" }
local last = { "Achieng", "Barasa", "Chebet", "Kamau", "Mwangi", "Njoroge", "Otieno", "Wafula" }

function request()
  local body = string.format('{"first_name":"%s","last_name":"%s","phone_number":"07%d%06d"}',
    common.pick(first), common.pick(last), math.random(10, 29), math.random(0, 999999))
  return wrk.format("POST", "/api/v1/customers", common.json_headers, body)
end

common.install()

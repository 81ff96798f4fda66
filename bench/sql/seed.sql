-- The bench data set, in bulk SQL (seconds instead of minutes through the API):
-- :customers customers, :items items, then orders added up to :orders in all, each with
-- its confirmation SMS already sent (as the dispatcher leaves it), so the outbox is idle.
-- Running it again with a larger :orders adds the difference, older than the orders there.
\set ON_ERROR_STOP on
-- Every reference is made right by construction: skip the per-row foreign-key triggers, which
-- would otherwise be most of the time for a million orders (bench-only; needs a superuser).
SET session_replication_role = replica;

INSERT INTO customers (id, first_name, last_name, phone_number, date_created, date_modified, version)
SELECT gen_random_uuid(),
       (ARRAY['Amina','Brian','Caroline','David','Esther','Faith','George','Halima','Ian','Joyce'])[1 + g % 10],
       (ARRAY['Achieng','Barasa','Chebet','Kamau','Kariuki','Mwangi','Njoroge','Odhiambo'])[1 + (g / 10) % 8],
       '+25471' || lpad(g::text, 7, '0'),
       now() - interval '90 days' + g * interval '1 minute',
       now() - interval '90 days' + g * interval '1 minute',
       1
FROM generate_series((SELECT count(*) + 1 FROM customers), :customers) AS g;

INSERT INTO items (id, name, size, price, date_created, date_modified, version)
SELECT gen_random_uuid(),
       (ARRAY['Cotton T-shirt','Denim jacket','Kitenge shirt','Rain coat','Wool scarf'])[1 + g % 5] || ' ' || g,
       (ARRAY['S','M','L','XL','XXL'])[1 + g % 5],
       100 + (g * 37) % 4900 + 0.99,
       now() - interval '80 days' + g * interval '1 minute',
       now() - interval '80 days' + g * interval '1 minute',
       1
FROM generate_series((SELECT count(*) + 1 FROM items), :items) AS g;

-- Orders older than any there, one second apart, spread over every customer and item.
CREATE TEMP TABLE new_orders AS
WITH c AS (SELECT array_agg(id ORDER BY date_created) AS ids, count(*) AS n FROM customers),
     i AS (SELECT array_agg(id ORDER BY date_created) AS ids, array_agg(price ORDER BY date_created) AS prices, count(*) AS n FROM items),
     start AS (SELECT coalesce(min(date_created), now()) AS t, count(*) AS n FROM orders)
SELECT gen_random_uuid() AS id,
       c.ids[1 + (g * 7919) % c.n] AS customer_id,
       i.ids[1 + (g * 31) % i.n] AS item_id,
       1 + g % 5 AS quantity,
       i.prices[1 + (g * 31) % i.n] AS unit_price,
       start.t - g * interval '1 second' AS date_created
FROM c, i, start, generate_series(1, greatest(:orders - start.n, 0)) AS g;

INSERT INTO orders (id, customer_id, item_id, quantity, unit_price, total, date_created, date_modified, version)
SELECT id, customer_id, item_id, quantity, unit_price, unit_price * quantity, date_created, date_created, 1
FROM new_orders;

INSERT INTO sms_notifications (id, order_id, recipient, message, status, attempts, next_attempt_at,
                               provider, provider_message_id, date_created, date_modified, sent_at)
SELECT gen_random_uuid(), o.id, c.phone_number,
       'Hello ' || c.first_name || ' ' || c.last_name || ', your order of ' || o.quantity || ' item(s) is ready for pickup.',
       'sent', 1, o.date_created, 'log', 'log-' || o.id, o.date_created, o.date_created, o.date_created
FROM new_orders o JOIN customers c ON c.id = o.customer_id;

DROP TABLE new_orders;

-- Segment preview indexes, chosen by measurement at 1M customers (apps/api/docs/segments.md).
-- The store's customer ids, narrow (~30 MB at 1M vs a 270 MB heap): stats-driven counts probe it
-- index-only instead of scanning every customer row.
CREATE INDEX IF NOT EXISTS "customers_store_id_idx" ON "customers" USING btree ("store_id","id");--> statement-breakpoint
-- "Has purchased sku / product": index-only semi- and anti-joins, as 0005 did for category and brand
-- (before: a bitmap heap scan over the 700 MB order_items heap with lossy blocks).
CREATE INDEX IF NOT EXISTS "order_items_store_sku_customer_idx" ON "order_items" USING btree ("store_id", "sku", "customer_id") INCLUDE ("ordered_at", "quantity");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "order_items_store_product_customer_idx" ON "order_items" USING btree ("store_id", "product_id", "customer_id") INCLUDE ("ordered_at", "quantity");--> statement-breakpoint
-- Same leading columns as the sku index above: redundant, one less index for every order line written.
DROP INDEX IF EXISTS "order_items_store_sku_idx";

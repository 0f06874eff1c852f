CREATE TABLE "segment_snapshots" (
	"store_id" text NOT NULL,
	"segment_id" uuid NOT NULL,
	"day" date NOT NULL,
	"size" integer NOT NULL,
	"taken_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "segment_snapshots_store_id_segment_id_day_pk" PRIMARY KEY("store_id","segment_id","day")
);
--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "description" text;--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "evaluated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "segment_snapshots" ADD CONSTRAINT "segment_snapshots_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segment_snapshots" ADD CONSTRAINT "segment_snapshots_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "segment_memberships_store_customer_idx" ON "segment_memberships" USING btree ("store_id","customer_id");--> statement-breakpoint
CREATE INDEX "segments_store_idx" ON "segments" USING btree ("store_id");
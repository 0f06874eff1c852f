-- Inline execution without a job per request: an event the API executes inline is marked `inline`
-- and gets no job; the inline sweep (src/worker/inline-sweep.ts) enqueues one for any such event
-- still unfinished after the grace period, and records in `event_sweeps` how far it has looked.
CREATE TABLE "event_sweeps" (
	"store_id" text NOT NULL,
	"swept_to" timestamp with time zone NOT NULL,
	CONSTRAINT "event_sweeps_store_id_pk" PRIMARY KEY("store_id")
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "inline" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "event_sweeps" ADD CONSTRAINT "event_sweeps_store_id_stores_id_fk" FOREIGN KEY ("store_id") REFERENCES "public"."stores"("id") ON DELETE cascade ON UPDATE no action;
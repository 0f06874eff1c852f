import { index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { storeIdColumn, tstz, uuidId } from './stores';

/** A person who signs in; `store_id` is the store the account was created for. */
export const users = pgTable(
  'users',
  {
    id: uuidId(),
    storeId: storeIdColumn(),
    email: text('email').notNull(),
    name: text('name'),
    passwordHash: text('password_hash'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email)],
);

/** A user's role in a store: owner | editor | viewer. */
export const memberships = pgTable(
  'memberships',
  {
    id: uuidId(),
    storeId: storeIdColumn(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['owner', 'editor', 'viewer'] }).notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('memberships_store_user_key').on(t.storeId, t.userId)],
);

/** Machine credentials; only a hash of the key is stored. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuidId(),
    storeId: storeIdColumn(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull(),
    createdAt: tstz('created_at').notNull().defaultNow(),
    lastUsedAt: tstz('last_used_at'),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [uniqueIndex('api_keys_hash_key').on(t.keyHash)],
);

/** Who did what, when (publish, activate, key creation …). */
export const auditLog = pgTable(
  'audit_log',
  {
    id: uuidId(),
    storeId: storeIdColumn(),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    subject: text('subject'),
    details: jsonb('details').notNull().default({}),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('audit_log_store_at_idx').on(t.storeId, t.at)],
);

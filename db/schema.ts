import { sql } from 'drizzle-orm'
import {
  bigserial,
  index,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

import { languages, roles } from './enums.ts'

export { languages, roles, type Language, type Role } from './enums.ts'

export const roleEnum = pgEnum('role', roles)
export const languageEnum = pgEnum('language', languages)

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow()

export const institutions = pgTable('institutions', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  acronym: text('acronym').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  website: text('website'),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    // Stored lower-cased; the unique index makes a second sign-up with the same address fail in the database.
    email: text('email').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash').notNull(),
    role: roleEnum('role').notNull().default('citizen'),
    institutionId: uuid('institution_id').references(() => institutions.id),
    language: languageEnum('language').notNull().default('es'),
    blockedAt: timestamp('blocked_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), index('users_institution_idx').on(t.institutionId)],
)

/** Sessions as the Lucia project teaches: the id is the SHA-256 of the token, so a leaked table holds no usable token. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

/** Append-only (a trigger refuses UPDATE, DELETE and TRUNCATE): who did what to which entity, when, before and after. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId), index('audit_log_created_idx').on(t.createdAt)],
)

/** Small key/value facts about this database, e.g. that the demo data was loaded. */
export const appMeta = pgTable('app_meta', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull().default(sql`'{}'::jsonb`),
  createdAt: createdAt(),
})

export type User = typeof users.$inferSelect
export type Institution = typeof institutions.$inferSelect
export type Session = typeof sessions.$inferSelect
export type AuditEntry = typeof auditLog.$inferSelect

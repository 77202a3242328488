import { sql } from 'drizzle-orm'
import {
  bigserial,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

import { ideaStatuses, languages, phases, roles, targetTypes, votingMethods } from './enums.ts'

export * from './enums.ts'

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

// ——— Challenges, ideas, comments, votes, follows, notifications, moderation (issue 3) ———

export const phaseEnum = pgEnum('phase', phases)
export const ideaStatusEnum = pgEnum('idea_status', ideaStatuses)
export const votingMethodEnum = pgEnum('voting_method', votingMethods)
export const targetTypeEnum = pgEnum('target_type', targetTypes)

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

export const challenges = pgTable(
  'challenges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    title: text('title').notNull(),
    /** Markdown as written; rendered and sanitised on display. */
    problem: text('problem').notNull(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    serviceArea: text('service_area').notNull().default(''),
    department: text('department'),
    municipality: text('municipality'),
    sdgTargets: text('sdg_targets').array().notNull().default(sql`'{}'::text[]`),
    coverImage: text('cover_image'),
    phase: phaseEnum('phase').notNull().default('draft'),
    /** When each phase after draft starts; a background task moves the challenge when the date comes. */
    opensAt: timestamp('opens_at', { withTimezone: true }),
    cocreationAt: timestamp('cocreation_at', { withTimezone: true }),
    votingAt: timestamp('voting_at', { withTimezone: true }),
    evaluationAt: timestamp('evaluation_at', { withTimezone: true }),
    pilotingAt: timestamp('piloting_at', { withTimezone: true }),
    closesAt: timestamp('closes_at', { withTimezone: true }),
    votingMethod: votingMethodEnum('voting_method').notNull().default('support'),
    /** dots: how many votes each person has in this challenge, and at most how many on one idea. */
    votingBudget: integer('voting_budget').notNull().default(1),
    votingMaxPerIdea: integer('voting_max_per_idea').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    search: tsvector('search'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('challenges_phase_idx').on(t.phase),
    index('challenges_institution_idx').on(t.institutionId),
    index('challenges_search_idx').using('gin', t.search),
    check('challenges_voting_rules', sql`${t.votingBudget} >= 1 and ${t.votingMaxPerIdea} >= 1 and ${t.votingMaxPerIdea} <= ${t.votingBudget}`),
  ],
)

export const ideas = pgTable(
  'ideas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    expectedBenefit: text('expected_benefit').notNull().default(''),
    status: ideaStatusEnum('status').notNull().default('published'),
    /** The public reason of the last decision (not selected, merged, hidden…). */
    statusReason: text('status_reason'),
    mergedIntoId: uuid('merged_into_id'),
    /** Sum of votes.count for this idea, kept in the same transaction as every vote change. */
    voteTotal: integer('vote_total').notNull().default(0),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    search: tsvector('search'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('ideas_challenge_idx').on(t.challengeId, t.status),
    index('ideas_search_idx').using('gin', t.search),
    check('ideas_vote_total_nonnegative', sql`${t.voteTotal} >= 0`),
  ],
)

export const ideaAuthors = pgTable(
  'idea_authors',
  {
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Null while a co-author's invitation waits for them to accept. */
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    invitedBy: uuid('invited_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.userId] }), index('idea_authors_user_idx').on(t.userId)],
)

export const comments = pgTable(
  'comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetType: targetTypeEnum('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    /** One level of replies: a reply's parent is never itself a reply (checked in the service). */
    parentId: uuid('parent_id'),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    editedAt: timestamp('edited_at', { withTimezone: true }),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    hiddenAt: timestamp('hidden_at', { withTimezone: true }),
    hiddenReason: text('hidden_reason'),
    createdAt: createdAt(),
  },
  (t) => [index('comments_target_idx').on(t.targetType, t.targetId, t.createdAt), index('comments_parent_idx').on(t.parentId)],
)

export const votes = pgTable(
  'votes',
  {
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    count: integer('count').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  // One row per person and idea: a person never counts twice, whatever the concurrency.
  (t) => [primaryKey({ columns: [t.ideaId, t.userId] }), index('votes_challenge_user_idx').on(t.challengeId, t.userId), check('votes_count_positive', sql`${t.count} >= 1`)],
)

/**
 * A person's dot budget in one challenge. Every vote change locks this row first, so a
 * person's votes in a challenge are serialised, and the CHECK makes overspending impossible.
 */
export const voteBudgets = pgTable(
  'vote_budgets',
  {
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    budget: integer('budget').notNull(),
    used: integer('used').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.userId] }), check('vote_budgets_within', sql`${t.used} >= 0 and ${t.used} <= ${t.budget}`)],
)

export const follows = pgTable(
  'follows',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    targetType: targetTypeEnum('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.targetType, t.targetId] }), index('follows_target_idx').on(t.targetType, t.targetId)],
)

export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** e.g. comment.reply, idea.status, challenge.phase; the text is built from it in the reader's language. */
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().default(sql`'{}'::jsonb`),
    /** Where the notification leads, a path on this site. */
    link: text('link').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.createdAt)],
)

export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetType: targetTypeEnum('target_type').notNull(),
    targetId: uuid('target_id').notNull(),
    reporterId: uuid('reporter_id')
      .notNull()
      .references(() => users.id),
    reason: text('reason').notNull(),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references(() => users.id),
    resolution: text('resolution'),
    createdAt: createdAt(),
  },
  (t) => [index('reports_open_idx').on(t.resolvedAt, t.createdAt), uniqueIndex('reports_one_per_person').on(t.targetType, t.targetId, t.reporterId)],
)

export type Challenge = typeof challenges.$inferSelect
export type Idea = typeof ideas.$inferSelect
export type Comment = typeof comments.$inferSelect
export type Vote = typeof votes.$inferSelect
export type Notification = typeof notifications.$inferSelect
export type Report = typeof reports.$inferSelect

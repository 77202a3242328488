import { sql } from 'drizzle-orm'
import {
  bigint,
  bigserial,
  boolean,
  date,
  check,
  customType,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core'

import { accountTokenPurposes, boardTemplates, ideaStatuses, languages, phases, pilotStatuses, roles, serviceAreas, sessionPhases, sessionStatuses, targetTypes, votingMethods } from '../app/domain/vocabulary.ts'

export * from '../app/domain/vocabulary.ts'

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
    // When the person proved the address is theirs (ADR 035). Only self sign-up stores null; accounts made by
    // admins, the admin command, the demo data and every row older than this column count as verified.
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }).defaultNow(),
    /** When the person ticked "acepto los términos y el aviso de privacidad" at sign-up; null for staff-made and older accounts. */
    termsAcceptedAt: timestamp('terms_accepted_at', { withTimezone: true }),
    /** The person deleted their account: personal data erased, contributions kept under "cuenta eliminada" (ADR 035). */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    /** What else the person chose to show on their public profile (issue 11 §3): a few words about themselves… */
    profileBio: text('profile_bio').notNull().default(''),
    /** …and whether it lists the co-creation sessions they took part in (off unless they say so). */
    profileShowsSessions: boolean('profile_shows_sessions').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_unique').on(t.email), index('users_institution_idx').on(t.institutionId)],
)

export const accountTokenPurposeEnum = pgEnum('account_token_purpose', accountTokenPurposes)

/**
 * Single-use links sent by e-mail (password reset, address verification): like sessions, the id is the SHA-256 of
 * the token, so the table holds no usable link. A used link keeps its row (usedAt) so a second click is told so.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: accountTokenPurposeEnum('purpose').notNull(),
    /** The address the link was sent to (a verification proves this one, not whatever the account holds later). */
    email: text('email').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('account_tokens_user_idx').on(t.userId, t.purpose)],
)
export type AccountToken = typeof accountTokens.$inferSelect

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
export const serviceAreaEnum = pgEnum('service_area', serviceAreas)

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
    /** One of the app's list (migration 0006 mapped older free text onto it, or to 'other'). */
    serviceArea: serviceAreaEnum('service_area').notNull().default('other'),
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

// ——— Boards and live co-creation sessions (issue 4) ———

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
  toDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value.buffer, value.byteOffset, value.byteLength)),
  // Both drivers hand back a Buffer (a Uint8Array); Yjs wants a plain view of the bytes.
  fromDriver: (value) => new Uint8Array(value.buffer, value.byteOffset, value.byteLength),
})

export const boardTemplateEnum = pgEnum('board_template', boardTemplates)
export const sessionStatusEnum = pgEnum('session_status', sessionStatuses)
export const sessionPhaseEnum = pgEnum('session_phase', sessionPhases)

/** A Yjs document. Its content lives in board_snapshots + board_updates; this row says what it belongs to. */
export const boards = pgTable(
  'boards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    title: text('title').notNull(),
    template: boardTemplateEnum('template').notNull().default('blank'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('boards_challenge_idx').on(t.challengeId)],
)

/** Append-only log of Yjs updates, written in small batches; compaction folds a prefix of it into the snapshot. */
export const boardUpdates = pgTable(
  'board_updates',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    boardId: uuid('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    update: bytea('update').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('board_updates_board_idx').on(t.boardId, t.id)],
)

/** The merged state of every update up to `throughUpdateId`, replaced in the same transaction that deletes those updates. */
export const boardSnapshots = pgTable('board_snapshots', {
  boardId: uuid('board_id')
    .primaryKey()
    .references(() => boards.id, { onDelete: 'cascade' }),
  state: bytea('state').notNull(),
  throughUpdateId: bigint('through_update_id', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

/** A live co-creation session of a challenge, on one board ("sessions" is taken by sign-in sessions). */
export const cocreationSessions = pgTable(
  'cocreation_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    boardId: uuid('board_id')
      .notNull()
      .references(() => boards.id),
    title: text('title').notNull(),
    /** Markdown, sanitised on display. */
    agenda: text('agenda').notNull().default(''),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    status: sessionStatusEnum('status').notNull().default('scheduled'),
    /** Six digits, unique among sessions that have not ended. */
    code: text('code').notNull(),
    phase: sessionPhaseEnum('phase'),
    /** Dots each participant may place on notes in the voting phase. */
    dotBudget: integer('dot_budget').notNull().default(3),
    locked: boolean('locked').notNull().default(false),
    /** The shared countdown: running while timerEndsAt is set, paused with the remaining time kept. */
    timerEndsAt: timestamp('timer_ends_at', { withTimezone: true }),
    timerRemainingMs: integer('timer_remaining_ms'),
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('cocreation_sessions_challenge_idx').on(t.challengeId),
    uniqueIndex('cocreation_sessions_board_unique').on(t.boardId),
    uniqueIndex('cocreation_sessions_live_code_unique').on(t.code).where(sql`${t.status} <> 'ended'`),
    check('cocreation_sessions_dates', sql`${t.endsAt} > ${t.startsAt}`),
    check('cocreation_sessions_budget', sql`${t.dotBudget} between 1 and 20`),
  ],
)

/** Who took part: one row per signed-in person, one per guest (a guest has a nickname and a token for this session only). */
export const sessionParticipants = pgTable(
  'session_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => cocreationSessions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id),
    guestName: text('guest_name'),
    /** SHA-256 of the guest's token (cookie or socket); null for signed-in people. */
    guestTokenHash: text('guest_token_hash'),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('session_participants_user_unique').on(t.sessionId, t.userId),
    uniqueIndex('session_participants_guest_token_unique').on(t.guestTokenHash),
    check('session_participants_who', sql`(${t.userId} is null) <> (${t.guestName} is null)`),
  ],
)

/** Dots placed on board notes in a session's voting phase; the service keeps each participant within the budget. */
export const sessionDotVotes = pgTable(
  'session_dot_votes',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => cocreationSessions.id, { onDelete: 'cascade' }),
    participantId: uuid('participant_id')
      .notNull()
      .references(() => sessionParticipants.id, { onDelete: 'cascade' }),
    noteId: text('note_id').notNull(),
    count: integer('count').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.participantId, t.noteId] }), check('session_dot_votes_positive', sql`${t.count} >= 1`)],
)

/** A note (or a frame of notes) that became an idea of the challenge. */
export const sessionPromotions = pgTable(
  'session_promotions',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => cocreationSessions.id, { onDelete: 'cascade' }),
    /** The note's or frame's id in the board document. */
    elementId: text('element_id').notNull(),
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id),
    /** Guests who wrote it, credited by nickname. */
    guestCredits: text('guest_credits').array().notNull().default(sql`'{}'::text[]`),
    promotedBy: uuid('promoted_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.elementId] })],
)

/**
 * Who wrote in each element of a board, recorded by the server from the identity of the socket
 * whose update changed the element's text (never from what clients write into the document):
 * promotion credits these people only. One row per element × writer (a person or a guest).
 */
export const boardElementWriters = pgTable(
  'board_element_writers',
  {
    boardId: uuid('board_id')
      .notNull()
      .references(() => boards.id, { onDelete: 'cascade' }),
    /** The note's or frame's id in the board document. */
    elementId: text('element_id').notNull(),
    userId: uuid('user_id').references(() => users.id),
    participantId: uuid('participant_id').references(() => sessionParticipants.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('board_element_writers_user_unique').on(t.boardId, t.elementId, t.userId),
    uniqueIndex('board_element_writers_guest_unique').on(t.boardId, t.elementId, t.participantId),
    check('board_element_writers_who', sql`(${t.userId} is null) <> (${t.participantId} is null)`),
  ],
)

export type Board = typeof boards.$inferSelect
export type CocreationSession = typeof cocreationSessions.$inferSelect
export type SessionParticipant = typeof sessionParticipants.$inferSelect

// ——— Evaluation and selection (issue 5) ———

/** Per challenge: the share of the final score the citizen vote carries, and when the criteria were published (then frozen). */
export const evaluations = pgTable(
  'evaluations',
  {
    challengeId: uuid('challenge_id')
      .primaryKey()
      .references(() => challenges.id),
    /** Percent of the final score from the normalised citizen vote; the jury carries the rest. */
    voteShare: integer('vote_share').notNull().default(20),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** Set when the facilitator records the selection. */
    selectedAt: timestamp('selected_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('evaluations_vote_share', sql`${t.voteShare} between 0 and 100`)],
)

export const evaluationCriteria = pgTable(
  'evaluation_criteria',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Percent; the criteria of a challenge sum to 100 (checked by the service before publishing). */
    weight: integer('weight').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index('evaluation_criteria_challenge_idx').on(t.challengeId), check('evaluation_criteria_weight', sql`${t.weight} between 1 and 100`)],
)

/** The jury of a challenge: officials, and external members (any account) given the role for this challenge only. */
export const juryMembers = pgTable(
  'jury_members',
  {
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    /** Shown publicly next to the juror's name, e.g. "Sociedad civil — Acción Ciudadana". */
    affiliation: text('affiliation').notNull().default(''),
    addedBy: uuid('added_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.challengeId, t.userId] })],
)

/** One juror's score of one shortlisted idea on one criterion. */
export const juryScores = pgTable(
  'jury_scores',
  {
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id),
    jurorId: uuid('juror_id')
      .notNull()
      .references(() => users.id),
    criterionId: uuid('criterion_id')
      .notNull()
      .references(() => evaluationCriteria.id),
    score: integer('score').notNull(),
    rationale: text('rationale').notNull(),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.ideaId, t.jurorId, t.criterionId] }),
    index('jury_scores_challenge_idx').on(t.challengeId),
    check('jury_scores_range', sql`${t.score} between 1 and 5`),
  ],
)

/** The published decision on each shortlisted idea, with its rationale. */
export const selectionDecisions = pgTable(
  'selection_decisions',
  {
    ideaId: uuid('idea_id')
      .primaryKey()
      .references(() => ideas.id),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id),
    selected: boolean('selected').notNull(),
    rationale: text('rationale').notNull(),
    decidedBy: uuid('decided_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('selection_decisions_challenge_idx').on(t.challengeId)],
)

export type EvaluationCriterion = typeof evaluationCriteria.$inferSelect
export type JuryScore = typeof juryScores.$inferSelect

// ——— Pilots (issue 5) ———

export const pilotStatusEnum = pgEnum('pilot_status', pilotStatuses)

export const pilots = pgTable(
  'pilots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    challengeId: uuid('challenge_id').references(() => challenges.id),
    title: text('title').notNull(),
    /** Markdown, sanitised on display. */
    summary: text('summary').notNull(),
    institutionId: uuid('institution_id')
      .notNull()
      .references(() => institutions.id),
    leadId: uuid('lead_id')
      .notNull()
      .references(() => users.id),
    department: text('department'),
    municipality: text('municipality'),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    budgetGtq: numeric('budget_gtq', { precision: 14, scale: 2 }).notNull().default('0'),
    status: pilotStatusEnum('status').notNull().default('planned'),
    statusReason: text('status_reason'),
    /** The last time the team reported (an update); the dashboard flags 30 days without one. */
    lastUpdateAt: timestamp('last_update_at', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('pilots_status_idx').on(t.status),
    index('pilots_institution_idx').on(t.institutionId),
    check('pilots_dates', sql`${t.endDate} >= ${t.startDate}`),
    check('pilots_budget', sql`${t.budgetGtq} >= 0`),
  ],
)

/** The selected ideas a pilot carries (several when merged). */
export const pilotIdeas = pgTable(
  'pilot_ideas',
  {
    pilotId: uuid('pilot_id')
      .notNull()
      .references(() => pilots.id, { onDelete: 'cascade' }),
    ideaId: uuid('idea_id')
      .notNull()
      .references(() => ideas.id),
  },
  (t) => [primaryKey({ columns: [t.pilotId, t.ideaId] })],
)

export const pilotTeam = pgTable(
  'pilot_team',
  {
    pilotId: uuid('pilot_id')
      .notNull()
      .references(() => pilots.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.pilotId, t.userId] })],
)

export const milestones = pgTable(
  'milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pilotId: uuid('pilot_id')
      .notNull()
      .references(() => pilots.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    weight: integer('weight').notNull(),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    /** When followers were told it was missed, so they are told once. */
    missedNotifiedAt: timestamp('missed_notified_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('milestones_pilot_idx').on(t.pilotId, t.dueDate), check('milestones_weight', sql`${t.weight} between 1 and 100`)],
)

export const kpis = pgTable(
  'kpis',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pilotId: uuid('pilot_id')
      .notNull()
      .references(() => pilots.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    unit: text('unit').notNull(),
    baseline: numeric('baseline', { precision: 14, scale: 2 }).notNull(),
    target: numeric('target', { precision: 14, scale: 2 }).notNull(),
    /** The declared range a measurement must fall in (null: no bound on that side); a duration's minimum is never below 0. */
    minValue: numeric('min_value', { precision: 14, scale: 2 }),
    maxValue: numeric('max_value', { precision: 14, scale: 2 }),
    createdAt: createdAt(),
  },
  (t) => [index('kpis_pilot_idx').on(t.pilotId), check('kpis_range', sql`${t.minValue} is null or ${t.maxValue} is null or ${t.minValue} <= ${t.maxValue}`)],
)

export const kpiMeasurements = pgTable(
  'kpi_measurements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kpiId: uuid('kpi_id')
      .notNull()
      .references(() => kpis.id, { onDelete: 'cascade' }),
    measuredOn: date('measured_on', { mode: 'string' }).notNull(),
    value: numeric('value', { precision: 14, scale: 2 }).notNull(),
    note: text('note').notNull().default(''),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: createdAt(),
    /** Last correction (each one is in the audit log with its reason and before → after). */
    correctedAt: timestamp('corrected_at', { withTimezone: true }),
    /** A withdrawn measurement stays in the record (shown struck through, left out of charts and figures). */
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnReason: text('withdrawn_reason'),
    withdrawnBy: uuid('withdrawn_by').references(() => users.id),
  },
  (t) => [index('kpi_measurements_kpi_idx').on(t.kpiId, t.measuredOn), check('kpi_measurements_withdrawn_reason', sql`${t.withdrawnAt} is null or ${t.withdrawnReason} is not null`)],
)

/** The pilot's public timeline. */
export const pilotUpdates = pgTable(
  'pilot_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    pilotId: uuid('pilot_id')
      .notNull()
      .references(() => pilots.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    /** The progress the team reports with this update, if any (the milestone-derived figure stays the official one). */
    progress: integer('progress'),
    /** File name under DATA_DIR/uploads, type checked from its bytes. */
    attachment: text('attachment'),
    attachmentName: text('attachment_name'),
    createdAt: createdAt(),
  },
  (t) => [index('pilot_updates_pilot_idx').on(t.pilotId, t.createdAt), check('pilot_updates_progress', sql`${t.progress} is null or ${t.progress} between 0 and 100`)],
)

export type Pilot = typeof pilots.$inferSelect
export type Milestone = typeof milestones.$inferSelect
export type Kpi = typeof kpis.$inferSelect
export type KpiMeasurement = typeof kpiMeasurements.$inferSelect
export type PilotUpdate = typeof pilotUpdates.$inferSelect

import { useT } from '#app/i18n/use-t.ts'

const colours: Record<string, string> = {
  draft: 'bg-slate-200 text-slate-900',
  open: 'bg-emerald-100 text-emerald-900',
  cocreation: 'bg-sky-100 text-sky-900',
  voting: 'bg-amber-100 text-amber-900',
  evaluation: 'bg-violet-100 text-violet-900',
  piloting: 'bg-indigo-100 text-indigo-900',
  closed: 'bg-slate-100 text-slate-800',
}

/** The phase of a challenge as a badge; the text says it (colour is never the only cue). */
export function ChallengePhaseBadge({ phase }: { phase: string }) {
  const { t } = useT()
  return (
    <span className={`inline-block rounded-full px-3 py-0.5 text-sm font-semibold ${colours[phase] ?? colours.draft}`} data-phase={phase}>
      {t('challenges.phaseLabel', { phase: t(`challenges.phases.${phase}`) })}
    </span>
  )
}

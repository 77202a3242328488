import { avatarColour } from '#app/components/ui/avatar.tsx'

/**
 * A challenge's cover in lists (issue 11 §8): the uploaded image, lazy-loaded with its box reserved
 * (width and height, and a fixed shape: 4∶1 on phones, 5∶2 wider, so nothing jumps when it arrives); without one, a band in a colour of the
 * institution's own with its acronym, so every card has the same shape. Decorative: the title is
 * written beside it.
 */
export function ChallengeCover({ src, acronym, className = '' }: { src: string | null; acronym: string; className?: string }) {
  if (src) {
    return <img src={src} alt="" width={640} height={256} loading="lazy" decoding="async" className={`aspect-[4/1] h-auto w-full bg-slate-100 object-cover sm:aspect-[5/2] ${className}`} data-cover="image" />
  }
  return (
    <div aria-hidden="true" data-cover="generated" className={`flex aspect-[4/1] w-full items-end sm:aspect-[5/2] bg-gradient-to-br from-black/0 to-black/25 p-4 ${avatarColour(acronym)} ${className}`}>
      <span className="text-2xl font-bold tracking-wide text-white/90">{acronym}</span>
    </div>
  )
}

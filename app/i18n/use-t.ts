import { useContext, useSyncExternalStore } from 'react'
import { I18nContext } from 'react-i18next'
import { type i18n as I18n, type TFunction } from 'i18next'

const fixedTs = new WeakMap<I18n, Map<string, TFunction>>()

/** One translate function per instance and language, so its identity changes only with the language. */
function fixedT(i18n: I18n, lng: string): TFunction {
  let byLang = fixedTs.get(i18n)
  if (!byLang) fixedTs.set(i18n, (byLang = new Map()))
  let t = byLang.get(lng)
  if (!t) byLang.set(lng, (t = i18n.getFixedT(lng)))
  return t
}

/**
 * `useTranslation()` for our components: the same `t` and `i18n`, re-rendering when the language
 * changes, without react-i18next 17's per-mount copy of the whole i18next instance (on the
 * server every render mounts every component: that copy was ~6 % of a signed-in page's CPU).
 */
export function useT(): { t: TFunction; i18n: I18n } {
  const { i18n } = useContext(I18nContext)
  const lng = useSyncExternalStore(
    (notify) => {
      i18n.on('languageChanged', notify)
      return () => i18n.off('languageChanged', notify)
    },
    () => i18n.language,
    () => i18n.language,
  )
  return { t: fixedT(i18n, lng), i18n }
}

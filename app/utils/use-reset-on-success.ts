import { useActionData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'

/**
 * Empties a form once its submission succeeded. A successful form action redirects, so there is no
 * action reply afterwards; a refused one replies with errors and keeps what was typed. Spread the
 * result on the `<Form>`. Without JavaScript the redirect loads an empty form anyway.
 */
export function useResetOnSuccess({ closeDetails = false }: { closeDetails?: boolean } = {}) {
  const ref = useRef<HTMLFormElement>(null)
  const sent = useRef(false)
  const state = useNavigation().state
  const reply = useActionData()
  useEffect(() => {
    if (state !== 'idle' || !sent.current) return
    sent.current = false
    if (reply) return
    ref.current?.reset()
    // A reply form inside a disclosure folds away again.
    if (closeDetails) ref.current?.closest('details')?.removeAttribute('open')
  }, [state, reply, closeDetails])
  return {
    ref,
    onSubmit: () => {
      sent.current = true
    },
  }
}

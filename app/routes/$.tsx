import { GeneralErrorBoundary } from '#app/components/layout/error-boundary.tsx'

// Any path no other route claims: a 404 page in the person's language.
export function loader() {
  throw new Response('Not found', { status: 404 })
}

export default function NotFound() {
  return <GeneralErrorBoundary />
}

export function ErrorBoundary() {
  return <GeneralErrorBoundary />
}

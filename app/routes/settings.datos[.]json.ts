import { type LoaderFunctionArgs } from '@remix-run/node'
import { exportMyData } from '#app/services/accounts/my-data.server.ts'
import { requireUser } from '#app/utils/auth.server.ts'
import { orErrorPage } from '#app/utils/error-page.server.ts'

/** "Descargar mis datos": the person's own data as a JSON download (ADR 035); never cached. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = requireUser(context, request)
  const data = await orErrorPage(exportMyData(user))
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="cocrea-mis-datos-${new Date().toISOString().slice(0, 10)}.json"`,
      'Cache-Control': 'no-store',
    },
  })
}

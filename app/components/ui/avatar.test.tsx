import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { Avatar, avatarColour, initials } from './avatar.tsx'

describe('initials', () => {
  test('first letters of the first and last words, upper-case, accents kept', () => {
    expect(initials('María José Cabrera')).toBe('MC')
    expect(initials('  lucía   tzoc ')).toBe('LT')
    expect(initials('Ángel')).toBe('Á')
    expect(initials('Ñusta Ixcot')).toBe('ÑI')
    expect(initials('')).toBe('?')
  })
})

describe('avatarColour', () => {
  test('the same name always gets the same colour, whatever its case or spacing', () => {
    expect(avatarColour('Carlos Pop Caal')).toBe(avatarColour(' carlos pop caal '))
  })
  test('different names spread over the palette', () => {
    const names = ['Andrea Xiloj', 'María José Cabrera', 'Carlos Pop Caal', 'Lucía Tzoc', 'Rosa Ixcot', 'Tomás Ajú', 'Ana López', 'Pedro Cux']
    expect(new Set(names.map(avatarColour)).size).toBeGreaterThanOrEqual(4)
  })
})

test('the avatar is decorative: hidden from screen readers, the name is written beside it', () => {
  const html = renderToStaticMarkup(<Avatar name="Lucía Tzoc" />)
  expect(html).toContain('aria-hidden="true"')
  expect(html).toContain('>LT</span>')
})

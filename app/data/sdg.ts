/**
 * Targets of the Sustainable Development Goals that public-service challenges usually touch,
 * with short labels (not the official wording, which is long). Codes as the UN writes them.
 */
export const sdgTargets = [
  { code: '1.3', es: 'Protección social para todas las personas', en: 'Social protection for all' },
  { code: '1.4', es: 'Acceso igualitario a servicios básicos', en: 'Equal access to basic services' },
  { code: '2.1', es: 'Acceso a alimentación sana y suficiente', en: 'Access to safe, sufficient food' },
  { code: '3.1', es: 'Reducir la mortalidad materna', en: 'Reduce maternal mortality' },
  { code: '3.8', es: 'Cobertura sanitaria universal', en: 'Universal health coverage' },
  { code: '4.1', es: 'Educación primaria y secundaria de calidad', en: 'Quality primary and secondary education' },
  { code: '4.4', es: 'Competencias para el empleo, incluidas las digitales', en: 'Skills for employment, including digital' },
  { code: '4.5', es: 'Igualdad de acceso a la educación', en: 'Equal access to education' },
  { code: '5.5', es: 'Participación plena de las mujeres en la vida pública', en: "Women's full participation in public life" },
  { code: '5.b', es: 'Tecnología para el empoderamiento de las mujeres', en: "Technology for women's empowerment" },
  { code: '6.1', es: 'Agua potable segura y asequible', en: 'Safe and affordable drinking water' },
  { code: '6.2', es: 'Saneamiento e higiene', en: 'Sanitation and hygiene' },
  { code: '7.1', es: 'Acceso universal a la energía', en: 'Universal access to energy' },
  { code: '8.3', es: 'Emprendimiento y formalización', en: 'Entrepreneurship and formalisation' },
  { code: '8.5', es: 'Empleo pleno y trabajo decente', en: 'Full employment and decent work' },
  { code: '8.10', es: 'Acceso a servicios financieros', en: 'Access to financial services' },
  { code: '9.1', es: 'Infraestructura resiliente y accesible', en: 'Resilient, accessible infrastructure' },
  { code: '9.c', es: 'Acceso a internet y a las TIC', en: 'Access to the internet and ICT' },
  { code: '10.2', es: 'Inclusión social, económica y política', en: 'Social, economic and political inclusion' },
  { code: '10.3', es: 'Igualdad de oportunidades y no discriminación', en: 'Equal opportunity, no discrimination' },
  { code: '11.1', es: 'Vivienda y servicios básicos adecuados', en: 'Adequate housing and basic services' },
  { code: '11.2', es: 'Transporte público seguro y accesible', en: 'Safe, accessible public transport' },
  { code: '11.3', es: 'Urbanización inclusiva y planificación participativa', en: 'Inclusive urbanisation, participatory planning' },
  { code: '11.6', es: 'Gestión de residuos y calidad del aire', en: 'Waste management and air quality' },
  { code: '12.7', es: 'Compras públicas sostenibles', en: 'Sustainable public procurement' },
  { code: '13.1', es: 'Resiliencia ante desastres y el clima', en: 'Resilience to climate and disasters' },
  { code: '16.3', es: 'Acceso a la justicia', en: 'Access to justice' },
  { code: '16.5', es: 'Reducir la corrupción', en: 'Reduce corruption' },
  { code: '16.6', es: 'Instituciones eficaces y transparentes', en: 'Effective, transparent institutions' },
  { code: '16.7', es: 'Decisiones inclusivas y participativas', en: 'Inclusive, participatory decision-making' },
  { code: '16.9', es: 'Identidad jurídica para todas las personas', en: 'Legal identity for all' },
  { code: '16.10', es: 'Acceso a la información pública', en: 'Public access to information' },
  { code: '17.8', es: 'Uso de tecnologías de la información', en: 'Use of information technology' },
  { code: '17.18', es: 'Datos oportunos y desglosados', en: 'Timely, disaggregated data' },
] as const

export type SdgTarget = (typeof sdgTargets)[number]
export const sdgCodes = sdgTargets.map((t) => t.code) as string[]
export const sdgLabel = (code: string, lang: 'es' | 'en') => sdgTargets.find((t) => t.code === code)?.[lang] ?? code

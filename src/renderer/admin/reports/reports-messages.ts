/**
 * The words of the Reports tab, English and Spanish. They live in the admin chunk rather than the main catalogs
 * (lib/i18n) so the parent-facing bundle does not carry them; the type still makes a missing Spanish key an error.
 * Functions take already-formatted values (report-format.ts).
 */
import type { Language } from '../../../shared/domain';
import type { EndReason } from '../../../shared/domain';
import type { FleetExportProblem } from '../../../shared/fleet-export';
import type { FleetReportProblem } from '../../../shared/fleet-report';
import type { RangePreset } from './report-range';

const reportsEn = {
  heading: 'Usage reports',
  privacyNote: 'Counts only: the kiosk keeps no patient details.',
  dates: 'Dates',
  presets: {
    today: 'Today',
    last7: 'Last 7 days',
    last30: 'Last 30 days',
    thisMonth: 'This month',
    lastMonth: 'Last month',
    custom: 'Other dates',
  } satisfies Record<RangePreset, string>,
  from: 'From',
  to: 'To',
  showDates: 'Show these dates',
  rangeProblems: {
    missing: 'Please choose both dates.',
    order: 'The first date must be on or before the second.',
    tooLong: (days: string) => `A report covers at most ${days} days. Please choose a shorter range.`,
  },
  room: 'Room',
  allRooms: 'All rooms',
  /** Inside a sentence: "Showing 1–28 February, all rooms." */
  allRoomsInSentence: 'all rooms',
  roomNotInUse: (room: string) => `${room} (not in use)`,
  showing: (range: string, room: string) => `Showing ${range}, ${room}.`,
  counting: 'Counting…',
  numbersHeading: 'Key numbers',
  numbers: {
    sessions: 'Sessions',
    stillOpen: (count: string) => `${count} still open`,
    totalTime: 'Total time in rooms',
    meanTime: 'Average session',
    medianTime: 'Median session',
    helpRequests: 'Help requests',
    helpCalls: 'Calls for a nurse',
    helpCallsAnswered: (answered: string, median: string, p90: string) =>
      `${answered} answered: half within ${median}, 90 % within ${p90}`,
    autoClosed: 'Closed by the kiosk',
    autoClosedHint: 'A high share means sessions are not being ended.',
  },
  showTable: 'Show as table',
  hideTable: 'Hide the table',
  tableRegion: (chart: string) => `Table: ${chart}`,
  noneInRange: 'None in these dates.',
  charts: {
    perDay: 'Sessions per day',
    perDayDesc: (total: string, days: string, peakDay: string, peak: string) =>
      `${total} sessions over ${days} days. The busiest day was ${peakDay}, with ${peak}.`,
    heatMap: 'When rooms are busy',
    heatMapDesc: (slot: string, count: string) =>
      `Sessions started, by day of the week and hour. The busiest time was ${slot}, with ${count}.`,
    /** `hourOfDay` (0-23) is for languages whose article depends on it. */
    heatMapSlot: (weekday: string, hour: string, _hourOfDay: number) => `${weekday} at ${hour}`,
    heatMapLegend: 'A stronger color means more sessions started.',
    rooms: 'Room use',
    roomsHint: 'Share of the time each room was occupied, counting all 24 hours of each day so far.',
    kinds: 'Kinds of session',
    endReasons: 'How sessions ended',
    guides: 'Most-viewed guides',
    timers: 'Timers used',
    empty: 'No sessions in these dates.',
  },
  columns: {
    day: 'Day',
    sessions: 'Sessions',
    weekday: 'Day of the week',
    room: 'Room',
    inUse: 'Time in use',
    occupied: 'Occupied for',
    kind: 'Kind',
    endReason: 'How it ended',
    guide: 'Guide',
    views: 'Views',
    timer: 'Timer',
    starts: 'Times started',
  },
  endReasons: {
    completed: 'Ended in the room (“I’m done”)',
    'staff-ended': 'Ended by staff',
    'auto-closed': 'Closed by the kiosk',
    recovered: 'Closed after a restart',
  } satisfies Record<EndReason, string>,
  export: {
    heading: 'Export the usage log',
    what: 'What to export',
    sessions: 'Sessions, one row each',
    events: 'Events: guides, slides, timers and help presses',
    format: 'File format',
    csv: 'CSV, for any spreadsheet',
    xlsx: 'Excel workbook (.xlsx)',
    json: 'JSON, for IT',
    separator: 'CSV separator',
    comma: 'Comma (,)',
    semicolon: 'Semicolon (;), for Excel in Spanish and other languages that write decimals with a comma',
    scope: (range: string, room: string) => `Uses the dates and room chosen above: ${range}, ${room}.`,
    start: 'Export',
    progress: 'Export progress',
    running: (done: string, total: string) => `Exporting… ${done} of ${total} rows`,
    starting: 'Getting the export ready…',
    cancel: 'Cancel the export',
    cancelled: 'The export was cancelled. No file was saved.',
    written: (rows: string, file: string) => `Done: ${rows} rows saved to ${file}.`,
    busy: 'Another export is still running. Please wait for it to finish, or cancel it.',
    fleet: {
      scope: 'Export for',
      unit: (range: string) =>
        `Sessions of every kiosk in this kiosk’s unit, ${range}, as CSV with each kiosk’s name in the first column.`,
      hospital: (range: string) =>
        `Sessions of every kiosk in the hospital, ${range}, as CSV with each kiosk’s name in the first column.`,
      role: 'Reporting role',
      password: 'Password',
      credentialsNote:
        'Used for this export only and not kept. The audit log records the export and the role’s name, never the password.',
      missing: 'Please type the reporting role and its password.',
      running: 'Exporting from the hospital database…',
      cancelled: 'Not exported. No file was saved.',
      problems: {
        'not-in-fleet': 'This kiosk does not belong to a hospital fleet.',
        refused:
          'The hospital database refused this role or password, or the role may not read every kiosk’s sessions (a kiosk’s own credentials cannot). No file was saved.',
        unreachable: 'The hospital database cannot be reached now. No file was saved; please try again later.',
        'no-unit':
          'This kiosk has no unit in the hospital database. Please ask IT to set one, or export the whole hospital.',
        unavailable: 'The unit and hospital export is available on the kiosk itself only.',
      } satisfies Record<FleetExportProblem, string>,
    },
  },
  years: {
    heading: 'Year by year',
    hint: 'Every year since the first session, for the room chosen above (the dates above do not apply).',
    caption: (room: string) => `Sessions by year, ${room}`,
    year: 'Year',
    allYears: 'All years',
    none: 'No sessions yet.',
  },
  print: {
    heading: 'Monthly summary',
    month: 'Month',
    open: 'Show the printable summary',
    printButton: 'Print',
    close: 'Close the summary',
    title: (month: string) => `Usage in ${month}`,
    printedOn: (date: string) => `Printed on ${date}`,
    pdfHint: 'To keep a file, choose “Save as PDF” in the print window.',
    savePdf: 'Save as PDF',
    savePdfHint: 'Saves this page as a PDF file. To print on paper, use Print.',
    saving: 'Saving the PDF…',
    saved: (file: string) => `Saved: ${file}.`,
    saveCancelled: 'Not saved.',
  },
  fleet: {
    scope: 'Report for',
    scopes: { kiosk: 'This kiosk', unit: 'This unit', hospital: 'Whole hospital' },
    utcNote: 'Unit and hospital figures count whole days in UTC, not in this kiosk’s time zone.',
    showingUnit: (range: string, unit: string) => `Showing ${range} (UTC days), unit ${unit}.`,
    showingHospital: (range: string) => `Showing ${range} (UTC days), every kiosk of the hospital.`,
    mostKiosks: 'Kiosks with sessions',
    mostKiosksHint: 'The most on any one day',
    delivered: 'Only what kiosks have delivered to the hospital database so far is counted.',
    problems: {
      'not-in-fleet': 'This kiosk does not belong to a hospital fleet.',
      unreachable: 'The hospital database cannot be reached now; this kiosk’s own report still works.',
      refused: 'The hospital database refused this kiosk’s request. Please ask IT to check the kiosk’s fleet link.',
      'no-unit': 'This kiosk has no unit in the hospital database. Please ask IT to set one.',
      unavailable: 'Unit and hospital figures are shown on the kiosk itself only.',
    } satisfies Record<FleetReportProblem, string>,
    tryAgain: 'Try again',
  },
};

export type ReportsMessages = typeof reportsEn;

const reportsEs: ReportsMessages = {
  heading: 'Informes de uso',
  privacyNote: 'Solo recuentos: el quiosco no guarda datos de pacientes.',
  dates: 'Fechas',
  presets: {
    today: 'Hoy',
    last7: 'Últimos 7 días',
    last30: 'Últimos 30 días',
    thisMonth: 'Este mes',
    lastMonth: 'El mes pasado',
    custom: 'Otras fechas',
  },
  from: 'Desde',
  to: 'Hasta',
  showDates: 'Mostrar estas fechas',
  rangeProblems: {
    missing: 'Elija las dos fechas, por favor.',
    order: 'La primera fecha debe ser igual o anterior a la segunda.',
    tooLong: (days: string) => `Un informe abarca como máximo ${days} días. Elija un periodo más corto, por favor.`,
  },
  room: 'Sala',
  allRooms: 'Todas las salas',
  allRoomsInSentence: 'todas las salas',
  roomNotInUse: (room: string) => `${room} (fuera de uso)`,
  showing: (range: string, room: string) => `Se muestra: ${range}, ${room}.`,
  counting: 'Contando…',
  numbersHeading: 'Cifras principales',
  numbers: {
    sessions: 'Sesiones',
    // "en curso" reads right for one session and for several; the count arrives already formatted.
    stillOpen: (count: string) => `${count} en curso`,
    totalTime: 'Tiempo total en las salas',
    meanTime: 'Sesión promedio',
    medianTime: 'Sesión mediana',
    helpRequests: 'Pedidos de ayuda',
    helpCalls: 'Llamadas a una enfermera',
    helpCallsAnswered: (answered: string, median: string, p90: string) =>
      `${answered} atendidas: la mitad en ${median}, el 90 % en ${p90}`,
    autoClosed: 'Cerradas por el quiosco',
    autoClosedHint: 'Un porcentaje alto significa que no se están terminando las sesiones.',
  },
  showTable: 'Ver como tabla',
  hideTable: 'Ocultar la tabla',
  tableRegion: (chart: string) => `Tabla: ${chart}`,
  noneInRange: 'Ninguno en estas fechas.',
  charts: {
    perDay: 'Sesiones por día',
    perDayDesc: (total: string, days: string, peakDay: string, peak: string) =>
      `${total} sesiones en ${days} días. El día con más uso fue el ${peakDay}, con ${peak}.`,
    heatMap: 'Cuándo se usan las salas',
    heatMapDesc: (slot: string, count: string) =>
      `Sesiones iniciadas por día de la semana y hora. El momento de más uso fue ${slot}, con ${count}.`,
    heatMapSlot: (weekday: string, hour: string, hourOfDay: number) =>
      `el ${weekday} a ${hourOfDay === 1 ? 'la' : 'las'} ${hour}`,
    heatMapLegend: 'Cuanto más intenso el color, más sesiones iniciadas.',
    rooms: 'Uso de las salas',
    roomsHint: 'Parte del tiempo en que cada sala estuvo ocupada, contando las 24 horas de cada día transcurrido.',
    kinds: 'Tipos de sesión',
    endReasons: 'Cómo terminaron las sesiones',
    guides: 'Guías más vistas',
    timers: 'Temporizadores usados',
    empty: 'No hay sesiones en estas fechas.',
  },
  columns: {
    day: 'Día',
    sessions: 'Sesiones',
    weekday: 'Día de la semana',
    room: 'Sala',
    inUse: 'Tiempo en uso',
    occupied: 'Ocupada durante',
    kind: 'Tipo',
    endReason: 'Cómo terminó',
    guide: 'Guía',
    views: 'Vistas',
    timer: 'Temporizador',
    starts: 'Veces iniciado',
  },
  endReasons: {
    completed: 'Terminada en la sala («Ya terminé»)',
    'staff-ended': 'Terminada por el personal',
    'auto-closed': 'Cerrada por el quiosco',
    recovered: 'Cerrada tras un reinicio',
  },
  export: {
    heading: 'Exportar el registro de uso',
    what: 'Qué exportar',
    sessions: 'Sesiones, una fila por sesión',
    events: 'Eventos: guías, diapositivas, temporizadores y pedidos de ayuda',
    format: 'Formato del archivo',
    csv: 'CSV, para cualquier hoja de cálculo',
    xlsx: 'Libro de Excel (.xlsx)',
    json: 'JSON, para el departamento de sistemas (TI)',
    separator: 'Separador del CSV',
    comma: 'Coma (,)',
    semicolon: 'Punto y coma (;), para Excel en español y otros idiomas que escriben los decimales con coma',
    scope: (range: string, room: string) => `Usa las fechas y la sala elegidas arriba: ${range}, ${room}.`,
    start: 'Exportar',
    progress: 'Progreso de la exportación',
    running: (done: string, total: string) => `Exportando… ${done} de ${total} filas`,
    starting: 'Preparando la exportación…',
    cancel: 'Cancelar la exportación',
    cancelled: 'Se canceló la exportación. No se guardó ningún archivo.',
    written: (rows: string, file: string) => `Listo: ${rows} filas guardadas en ${file}.`,
    busy: 'Todavía hay otra exportación en curso. Espere a que termine o cancélela, por favor.',
    fleet: {
      scope: 'Exportar de',
      unit: (range: string) =>
        `Sesiones de todos los quioscos de la unidad de este quiosco, ${range}, en CSV con el nombre de cada quiosco en la primera columna.`,
      hospital: (range: string) =>
        `Sesiones de todos los quioscos del hospital, ${range}, en CSV con el nombre de cada quiosco en la primera columna.`,
      role: 'Rol de informes',
      password: 'Contraseña',
      credentialsNote:
        'Se usan solo para esta exportación y no se guardan. El registro de auditoría anota la exportación y el nombre del rol, nunca la contraseña.',
      missing: 'Escriba el rol de informes y su contraseña, por favor.',
      running: 'Exportando desde la base de datos del hospital…',
      cancelled: 'No se exportó. No se guardó ningún archivo.',
      problems: {
        'not-in-fleet': 'Este quiosco no pertenece a una flota del hospital.',
        refused:
          'La base de datos del hospital rechazó este rol o esta contraseña, o el rol no puede leer las sesiones de todos los quioscos (las credenciales propias de un quiosco no pueden). No se guardó ningún archivo.',
        unreachable:
          'No se puede conectar ahora con la base de datos del hospital. No se guardó ningún archivo; inténtelo de nuevo más tarde.',
        'no-unit':
          'Este quiosco no tiene unidad en la base de datos del hospital. Pida a TI que le asigne una, o exporte todo el hospital.',
        unavailable: 'La exportación de la unidad y del hospital solo está disponible en el propio quiosco.',
      },
    },
  },
  years: {
    heading: 'Año por año',
    hint: 'Todos los años desde la primera sesión, para la sala elegida arriba (las fechas de arriba no se aplican).',
    caption: (room: string) => `Sesiones por año, ${room}`,
    year: 'Año',
    allYears: 'Todos los años',
    none: 'Todavía no hay sesiones.',
  },
  print: {
    heading: 'Resumen mensual',
    month: 'Mes',
    open: 'Ver el resumen para imprimir',
    printButton: 'Imprimir',
    close: 'Cerrar el resumen',
    title: (month: string) => `Uso en ${month}`,
    printedOn: (date: string) => `Impreso el ${date}`,
    pdfHint: 'Para guardar un archivo, elija «Guardar como PDF» en la ventana de impresión.',
    savePdf: 'Guardar como PDF',
    savePdfHint: 'Guarda esta página como archivo PDF. Para imprimir en papel, use Imprimir.',
    saving: 'Guardando el PDF…',
    saved: (file: string) => `Guardado: ${file}.`,
    saveCancelled: 'No se guardó.',
  },
  fleet: {
    scope: 'Informe de',
    scopes: { kiosk: 'Este quiosco', unit: 'Esta unidad', hospital: 'Todo el hospital' },
    utcNote:
      'Las cifras de la unidad y del hospital cuentan días completos en UTC, no en la zona horaria de este quiosco.',
    showingUnit: (range: string, unit: string) => `Se muestra ${range} (días UTC), unidad ${unit}.`,
    showingHospital: (range: string) => `Se muestra ${range} (días UTC), todos los quioscos del hospital.`,
    mostKiosks: 'Quioscos con sesiones',
    mostKiosksHint: 'El máximo en un mismo día',
    delivered: 'Solo se cuenta lo que los quioscos ya entregaron a la base de datos del hospital.',
    problems: {
      'not-in-fleet': 'Este quiosco no pertenece a una flota del hospital.',
      unreachable:
        'No se puede conectar ahora con la base de datos del hospital; el informe de este quiosco sigue disponible.',
      refused:
        'La base de datos del hospital rechazó la solicitud de este quiosco. Pida a TI que revise el enlace del quiosco con la flota.',
      'no-unit': 'Este quiosco no tiene unidad en la base de datos del hospital. Pida a TI que le asigne una.',
      unavailable: 'Las cifras de la unidad y del hospital solo se muestran en el propio quiosco.',
    },
    tryAgain: 'Reintentar',
  },
};

const catalogs: Record<Language, ReportsMessages> = { en: reportsEn, es: reportsEs };

export function reportsMessages(language: Language): ReportsMessages {
  return catalogs[language];
}

export { reportsEn, reportsEs };

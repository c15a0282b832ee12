/**
 * The words of the Reports tab, English and Spanish. They live in the admin chunk rather than the main catalogs
 * (lib/i18n) so the parent-facing bundle does not carry them; the type still makes a missing Spanish key an error.
 * Functions take already-formatted values (report-format.ts).
 */
import type { Language } from '../../../shared/domain';
import type { EndReason } from '../../../shared/domain';
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
    scope: (range: string, room: string) => `Uses the dates and room chosen above: ${range}, ${room}.`,
    start: 'Export',
    progress: 'Export progress',
    running: (done: string, total: string) => `Exporting… ${done} of ${total} rows`,
    starting: 'Getting the export ready…',
    cancel: 'Cancel the export',
    cancelled: 'The export was cancelled. No file was saved.',
    written: (rows: string, file: string) => `Done: ${rows} rows saved to ${file}.`,
    busy: 'Another export is still running. Please wait for it to finish, or cancel it.',
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
    stillOpen: (count: string) => `${count} aún abiertas`,
    totalTime: 'Tiempo total en las salas',
    meanTime: 'Sesión promedio',
    medianTime: 'Sesión mediana',
    helpRequests: 'Pedidos de ayuda',
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
    completed: 'Terminada en la sala («He terminado»)',
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
    json: 'JSON, para informática',
    scope: (range: string, room: string) => `Usa las fechas y la sala elegidas arriba: ${range}, ${room}.`,
    start: 'Exportar',
    progress: 'Progreso de la exportación',
    running: (done: string, total: string) => `Exportando… ${done} de ${total} filas`,
    starting: 'Preparando la exportación…',
    cancel: 'Cancelar la exportación',
    cancelled: 'Se canceló la exportación. No se guardó ningún archivo.',
    written: (rows: string, file: string) => `Listo: ${rows} filas guardadas en ${file}.`,
    busy: 'Todavía hay otra exportación en curso. Espere a que termine o cancélela, por favor.',
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
  },
};

const catalogs: Record<Language, ReportsMessages> = { en: reportsEn, es: reportsEs };

export function reportsMessages(language: Language): ReportsMessages {
  return catalogs[language];
}

export { reportsEn, reportsEs };

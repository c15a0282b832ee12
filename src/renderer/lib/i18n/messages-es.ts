/** Spanish (neutral, usted form). Typed as `Messages`: a missing or extra key fails the type check. */
import type { Messages } from './messages-en';

export const es: Messages = {
  languageName: 'Español',
  common: {
    loading: 'Un momento…',
    tryAgain: 'Volver a intentarlo',
    language: 'Idioma',
    nightMode: 'Modo nocturno',
  },
  duration: {
    underAMinute: 'menos de 1 min',
    minutes: (minutes) => `${minutes} min`,
    hours: { one: (hours) => `${hours} hora`, other: (hours) => `${hours} horas` },
    hoursAndMinutes: (hours, minutes) => `${hours} ${minutes}`,
  },
  sessionKind: {
    breastfeeding: 'Amamantamiento',
    pumping: 'Extracción con sacaleches',
    'hand-expression': 'Extracción manual',
  },
  board: {
    heading: 'Salas',
    free: 'Sala libre',
    freeHint: 'Toque para iniciar una sesión',
    occupied: 'Ocupada',
    // "desde la 1:05" but "desde las 14:05": the article agrees with the hour.
    occupiedSince: (at) => (at.hour === 1 ? `Desde la ${at.text}` : `Desde las ${at.text}`),
    needsCleaning: 'Necesita limpieza',
    needsCleaningHint: 'El personal la limpiará pronto',
    freeTapped: (room) => `${room} está libre. Pida al personal de enfermería que inicie su sesión.`,
    occupiedTapped: (room) => `${room} está en uso. Si necesita ayuda, pregunte al personal de enfermería.`,
    needsCleaningTapped: (room) =>
      `${room} necesita limpieza antes de la próxima sesión. El personal se encargará de ello.`,
    emptyTitle: 'Todavía no hay salas configuradas',
    emptyBody: 'Consulte con un administrador.',
    loadFailedTitle: 'Ahora mismo no se pueden mostrar las salas',
    refreshFailed: (at) =>
      at.hour === 1
        ? `No se pudo actualizar. Así estaban las salas a la ${at.text}.`
        : `No se pudo actualizar. Así estaban las salas a las ${at.text}.`,
  },
  setup: {
    title: 'Esta pantalla todavía no está configurada',
    body: 'Un administrador debe terminar de configurarla. Después, las salas aparecerán aquí.',
  },
  startup: {
    failedTitle: 'La pantalla todavía no está lista',
    keepsTrying: 'Lo seguirá intentando por sí sola.',
  },
  errors: {
    'invalid-input': 'Algo no salió bien. Vuelva a intentarlo.',
    'not-found': 'No se encontró esa sala o sesión. Es posible que acabe de cambiar.',
    conflict: 'Algo acaba de cambiar en la pantalla. Vuelva a mirar las salas.',
    unauthorized: 'El número de personal o el PIN no coinciden. Vuelva a intentarlo.',
    'locked-out': 'Demasiados intentos. El teclado queda bloqueado unos minutos.',
    forbidden: 'Esto lo tiene que hacer un administrador.',
    'untrusted-sender': 'La pantalla no pudo verificar esta solicitud. Pida ayuda al servicio de informática.',
    'storage-unavailable':
      'Ahora mismo la pantalla no puede guardar ni leer su información. Avise a un miembro del personal.',
    internal: 'Algo salió mal en la pantalla. Vuelva a intentarlo en un momento.',
  },
};

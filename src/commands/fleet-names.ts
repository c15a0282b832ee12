/**
 * A kiosk's name and unit as `fleet add-kiosk` takes them (trimmed), and a unit as `publish-settings --unit` names
 * it: the same rule, so a settings document for a unit reaches exactly the kiosks registered in it.
 */
export const FLEET_NAME_RULE = /^[\p{L}\p{N}][\p{L}\p{N} .,'’()&/-]{0,79}$/u;

export const FLEET_NAME_RULE_TEXT =
  "1 to 80 letters, digits, spaces or . , ' ( ) & / - and start with a letter or digit";

/** Settings: promotion codes mapped to a source/medium/channel (issue 10). Placeholder. */
export const CodeMappingsSection = () => null

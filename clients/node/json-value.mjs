// google.protobuf.Value <-> plain JSON. @grpc/proto-loader takes the well-known types from protobufjs' bundled
// descriptors, whose field names are camelCase even with keepCase, so Value's fields are spelled so here.

/** The Value message of any JSON value. */
export function toValue(json) {
  if (json === null || json === undefined) return { nullValue: 'NULL_VALUE' };
  if (typeof json === 'number') return { numberValue: json };
  if (typeof json === 'string') return { stringValue: json };
  if (typeof json === 'boolean') return { boolValue: json };
  if (Array.isArray(json)) return { listValue: { values: json.map(toValue) } };
  return { structValue: { fields: Object.fromEntries(Object.entries(json).map(([k, v]) => [k, toValue(v)])) } };
}

/** The JSON value of a Value message. */
export function fromValue(value) {
  if (!value) return null;
  switch (value.kind) {
    case 'numberValue': return value.numberValue;
    case 'stringValue': return value.stringValue;
    case 'boolValue': return value.boolValue;
    case 'listValue': return (value.listValue.values ?? []).map(fromValue);
    case 'structValue':
      return Object.fromEntries(Object.entries(value.structValue.fields ?? {}).map(([k, v]) => [k, fromValue(v)]));
    default: return null;
  }
}

// Reads a CloudFormation YAML template with its short intrinsic-function tags (!Ref, !Sub, ...)
// into the long JSON form ({"Ref": ...}, {"Fn::Sub": ...}).
import { parse } from 'yaml';

const functions = ['Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select',
  'Split', 'Sub', 'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Length', 'ToJsonString'];

function tag(name, collection) {
  const key = name === 'Ref' || name === 'Condition' ? name : `Fn::${name}`;
  const definition = {
    tag: `!${name}`,
    resolve(value) {
      let json = value && typeof value.toJSON === 'function' ? value.toJSON() : value;
      if (name === 'GetAtt' && typeof json === 'string') {
        const dot = json.indexOf('.');
        json = dot < 0 ? [json] : [json.slice(0, dot), json.slice(dot + 1)];
      }
      return { [key]: json };
    },
  };
  if (collection) definition.collection = collection;
  return definition;
}

export const cfnTags = [undefined, 'seq', 'map'].flatMap((collection) =>
  [...functions, 'Ref', 'Condition'].map((name) => tag(name, collection)));

export function parseTemplate(text) {
  return parse(text, { customTags: cfnTags, uniqueKeys: true, prettyErrors: true });
}

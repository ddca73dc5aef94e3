// The subset of ONNX's protobuf schema the exporter writes, declared with protobufjs's reflection API.
// Field numbers and enum values are those of the ONNX format (onnx.proto, IR version 8); the
// declarations are written here by hand so the project needs no .proto file or code generator.
import protobuf from "protobufjs";

/** ONNX IR version and default-domain opset this project writes. */
export const IR_VERSION = 8;
export const OPSET = 17;
export const PRODUCER = "tensorpost";

/** TensorProto.DataType values used by the exporter. */
export const DataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  INT32: 6,
  INT64: 7,
  BOOL: 9,
  FLOAT16: 10,
} as const;
export type DataTypeCode = (typeof DataType)[keyof typeof DataType];

/** AttributeProto.AttributeType values. */
export const AttributeType = {
  UNDEFINED: 0,
  FLOAT: 1,
  INT: 2,
  STRING: 3,
  TENSOR: 4,
  GRAPH: 5,
  FLOATS: 6,
  INTS: 7,
  STRINGS: 8,
  TENSORS: 9,
  GRAPHS: 10,
} as const;

type Rule = "repeated" | undefined;
function message(name: string, fields: [string, number, string, Rule?, Record<string, unknown>?][]): protobuf.Type {
  const t = new protobuf.Type(name);
  for (const [fname, id, type, rule, options] of fields) t.add(new protobuf.Field(fname, id, type, rule, undefined, options));
  return t;
}

const packed = { packed: true };
const unpacked = { packed: false };

const root = new protobuf.Root();
const ns = root.define("onnx");

const dataTypeEnum = new protobuf.Enum("DataType", {
  UNDEFINED: 0, FLOAT: 1, UINT8: 2, INT8: 3, UINT16: 4, INT16: 5, INT32: 6, INT64: 7, STRING: 8, BOOL: 9,
  FLOAT16: 10, DOUBLE: 11, UINT32: 12, UINT64: 13, COMPLEX64: 14, COMPLEX128: 15, BFLOAT16: 16,
});
const attributeTypeEnum = new protobuf.Enum("AttributeType", { ...AttributeType });

const tensorProto = message("TensorProto", [
  ["dims", 1, "int64", "repeated", packed],
  ["data_type", 2, "int32"],
  ["float_data", 4, "float", "repeated", packed],
  ["int32_data", 5, "int32", "repeated", packed],
  ["string_data", 6, "bytes", "repeated"],
  ["int64_data", 7, "int64", "repeated", packed],
  ["name", 8, "string"],
  ["raw_data", 9, "bytes"],
  ["double_data", 10, "double", "repeated", packed],
  ["doc_string", 12, "string"],
]);
tensorProto.add(dataTypeEnum);

const dimension = message("Dimension", [
  ["dim_value", 1, "int64"],
  ["dim_param", 2, "string"],
  ["denotation", 3, "string"],
]);
dimension.add(new protobuf.OneOf("value", ["dim_value", "dim_param"]));
const tensorShapeProto = message("TensorShapeProto", [["dim", 1, "TensorShapeProto.Dimension", "repeated"]]);
tensorShapeProto.add(dimension);

const typeTensor = message("Tensor", [
  ["elem_type", 1, "int32"],
  ["shape", 2, "TensorShapeProto"],
]);
const typeProto = message("TypeProto", [
  ["tensor_type", 1, "TypeProto.Tensor"],
  ["denotation", 6, "string"],
]);
typeProto.add(typeTensor);
typeProto.add(new protobuf.OneOf("value", ["tensor_type"]));

const valueInfoProto = message("ValueInfoProto", [
  ["name", 1, "string"],
  ["type", 2, "TypeProto"],
  ["doc_string", 3, "string"],
]);

const attributeProto = message("AttributeProto", [
  ["name", 1, "string"],
  ["f", 2, "float"],
  ["i", 3, "int64"],
  ["s", 4, "bytes"],
  ["t", 5, "TensorProto"],
  ["g", 6, "GraphProto"],
  ["floats", 7, "float", "repeated", unpacked],
  ["ints", 8, "int64", "repeated", unpacked],
  ["strings", 9, "bytes", "repeated"],
  ["tensors", 10, "TensorProto", "repeated"],
  ["graphs", 11, "GraphProto", "repeated"],
  ["doc_string", 13, "string"],
  ["type", 20, "AttributeProto.AttributeType"],
  ["ref_attr_name", 21, "string"],
]);
attributeProto.add(attributeTypeEnum);

const nodeProto = message("NodeProto", [
  ["input", 1, "string", "repeated"],
  ["output", 2, "string", "repeated"],
  ["name", 3, "string"],
  ["op_type", 4, "string"],
  ["attribute", 5, "AttributeProto", "repeated"],
  ["doc_string", 6, "string"],
  ["domain", 7, "string"],
]);

const graphProto = message("GraphProto", [
  ["node", 1, "NodeProto", "repeated"],
  ["name", 2, "string"],
  ["initializer", 5, "TensorProto", "repeated"],
  ["doc_string", 10, "string"],
  ["input", 11, "ValueInfoProto", "repeated"],
  ["output", 12, "ValueInfoProto", "repeated"],
  ["value_info", 13, "ValueInfoProto", "repeated"],
]);

const operatorSetIdProto = message("OperatorSetIdProto", [
  ["domain", 1, "string"],
  ["version", 2, "int64"],
]);

const stringStringEntryProto = message("StringStringEntryProto", [
  ["key", 1, "string"],
  ["value", 2, "string"],
]);

const modelProto = message("ModelProto", [
  ["ir_version", 1, "int64"],
  ["producer_name", 2, "string"],
  ["producer_version", 3, "string"],
  ["domain", 4, "string"],
  ["model_version", 5, "int64"],
  ["doc_string", 6, "string"],
  ["graph", 7, "GraphProto"],
  ["opset_import", 8, "OperatorSetIdProto", "repeated"],
  ["metadata_props", 14, "StringStringEntryProto", "repeated"],
]);

for (const t of [tensorProto, tensorShapeProto, typeProto, valueInfoProto, attributeProto, nodeProto, graphProto, operatorSetIdProto, stringStringEntryProto, modelProto]) ns.add(t);
root.resolveAll();

export const onnx = {
  ModelProto: root.lookupType("onnx.ModelProto"),
  GraphProto: root.lookupType("onnx.GraphProto"),
  NodeProto: root.lookupType("onnx.NodeProto"),
  AttributeProto: root.lookupType("onnx.AttributeProto"),
  TensorProto: root.lookupType("onnx.TensorProto"),
  ValueInfoProto: root.lookupType("onnx.ValueInfoProto"),
  TypeProto: root.lookupType("onnx.TypeProto"),
  TensorShapeProto: root.lookupType("onnx.TensorShapeProto"),
  OperatorSetIdProto: root.lookupType("onnx.OperatorSetIdProto"),
  StringStringEntryProto: root.lookupType("onnx.StringStringEntryProto"),
};

// ---- plain-object shapes of the messages (what the graph builder fills in) ------------------------

export interface TensorMsg {
  name: string;
  dims: number[];
  data_type: number;
  raw_data?: Uint8Array;
  int64_data?: number[];
  doc_string?: string;
}
export interface DimensionMsg {
  dim_value?: number;
  dim_param?: string;
}
export interface ValueInfoMsg {
  name: string;
  type: { tensor_type: { elem_type: number; shape: { dim: DimensionMsg[] } } };
  doc_string?: string;
}
export interface AttributeMsg {
  name: string;
  type: number;
  f?: number;
  i?: number;
  s?: Uint8Array;
  t?: TensorMsg;
  floats?: number[];
  ints?: number[];
}
export interface NodeMsg {
  input: string[];
  output: string[];
  name: string;
  op_type: string;
  attribute: AttributeMsg[];
  domain?: string;
}
export interface GraphMsg {
  node: NodeMsg[];
  name: string;
  initializer: TensorMsg[];
  input: ValueInfoMsg[];
  output: ValueInfoMsg[];
  doc_string?: string;
}
export interface ModelMsg {
  ir_version: number;
  producer_name: string;
  producer_version?: string;
  domain?: string;
  model_version?: number;
  doc_string?: string;
  graph: GraphMsg;
  opset_import: { domain: string; version: number }[];
  metadata_props?: { key: string; value: string }[];
}

/** Encode a model (verified against the schema first). */
export function encodeModel(model: ModelMsg): Uint8Array {
  const err = onnx.ModelProto.verify(model);
  if (err) throw new Error(`ONNX model does not match the schema: ${err}`);
  return onnx.ModelProto.encode(onnx.ModelProto.fromObject(model)).finish();
}

/** Decode bytes into plain objects (int64 as numbers, bytes as Uint8Array): for tests and tools. */
export function decodeModel(bytes: Uint8Array): ModelMsg {
  const m = onnx.ModelProto.decode(bytes);
  return onnx.ModelProto.toObject(m, { longs: Number, defaults: false, arrays: true }) as unknown as ModelMsg;
}

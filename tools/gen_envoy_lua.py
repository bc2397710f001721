"""Write deploy/envoy/callwire.lua, the Lua filter of deploy/envoy/envoy.yaml, from the descriptor set.

Envoy's JSON transcoder drops JSON fields the request message does not have, silently (there is no option to
refuse them). The request half of this filter refuses them instead: for each REST binding it knows every field
name (JSON and proto spelling) of the request message and of the messages inside it, finds every key of the
JSON body with a small tokenizer, and answers 400 with the error table's body for a key that is none of them.
The response half applies the error table's HTTP status that the server names in x-callwire-http-status.

Run by `make generate` after the descriptor set is built; `make check-generated` keeps it fresh.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from google.api import annotations_pb2  # registers the google.api.http option before parsing
from google.protobuf import descriptor_pb2

ROOT = Path(__file__).resolve().parent.parent
DESCRIPTORS = ROOT / "deploy" / "envoy" / "callwire.binpb"
OUT = ROOT / "deploy" / "envoy" / "callwire.lua"
#: Message types whose JSON form is not their fields (strings, numbers, free objects): their keys are not checked.
OPAQUE = {
    ".google.protobuf.Any",
    ".google.protobuf.Struct",
    ".google.protobuf.Value",
    ".google.protobuf.ListValue",
    ".google.protobuf.Timestamp",
    ".google.protobuf.Duration",
    ".google.protobuf.FieldMask",
}

LOGIC = r"""
-- Every key of a JSON text: the strings followed by a colon. Escapes are skipped, so a key-like text
-- inside a string value is never taken for a key.
local function json_keys(text)
  local keys, i, n = {}, 1, #text
  while i <= n do
    local c = string.byte(text, i)
    if c == 34 then -- '"'
      local j, start = i + 1, i + 1
      while j <= n do
        local d = string.byte(text, j)
        if d == 92 then
          j = j + 2
        elseif d == 34 then
          break
        else
          j = j + 1
        end
      end
      local k = j + 1
      while k <= n and string.find(string.sub(text, k, k), "^%s") do
        k = k + 1
      end
      if string.sub(text, k, k) == ":" then
        keys[#keys + 1] = string.sub(text, start, j - 1)
      end
      i = j + 1
    else
      i = i + 1
    end
  end
  return keys
end

local function refuse(handle, key)
  local safe = string.gsub(key, '[^%w_%.%-]', '?')
  local body = '{"code":3,"message":"unknown field \\"' .. safe .. '\\" in the request body",' ..
    '"details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"INVALID_ARGUMENT",' ..
    '"domain":"callwire.io","metadata":{"field":"' .. safe .. '","description":"unknown field"}}]}'
  -- Marked so that envoy.yaml's local_reply_config leaves this body as it is.
  handle:headers():add("x-callwire-lua-reply", "1")
  handle:respond({[":status"] = "400", ["content-type"] = "application/json"}, body)
end

function envoy_on_request(handle)
  local headers = handle:headers()
  local content_type = headers:get("content-type") or ""
  if string.sub(content_type, 1, 16) == "application/grpc" then
    return
  end
  local method = headers:get(":method")
  local path = string.gsub(headers:get(":path") or "", "%?.*$", "")
  for _, route in ipairs(ROUTES) do
    if route[1] == method and string.find(path, route[2]) then
      if route[3] == nil then
        return -- a request with a free-form part: nothing to check
      end
      local body = handle:body()
      if body == nil then
        return
      end
      for _, key in ipairs(json_keys(body:getBytes(0, body:length()))) do
        if not route[3][key] then
          refuse(handle, key)
          return
        end
      end
      return
    end
  end
end

-- The server names the error table's HTTP status (which is not always the gRPC code's usual one:
-- NO_ACTIVE_CALL is 409, CSTA_ERROR 502) in x-callwire-http-status; transcoded JSON answers take it.
function envoy_on_response(handle)
  local headers = handle:headers()
  local status = headers:get("x-callwire-http-status")
  if status == nil then
    return
  end
  headers:remove("x-callwire-http-status")
  local content_type = headers:get("content-type") or ""
  if string.sub(content_type, 1, 16) == "application/json" and string.match(status, "^[1-5]%d%d$") then
    headers:replace(":status", status)
  end
end
"""


def _messages(files: list[descriptor_pb2.FileDescriptorProto]) -> dict[str, descriptor_pb2.DescriptorProto]:
    found: dict[str, descriptor_pb2.DescriptorProto] = {}

    def walk(prefix: str, messages: list[descriptor_pb2.DescriptorProto]) -> None:
        for message in messages:
            name = f"{prefix}.{message.name}"
            found[name] = message
            walk(name, list(message.nested_type))

    for file in files:
        walk(f".{file.package}" if file.package else "", list(file.message_type))
    return found


def _names(type_name: str, messages: dict[str, descriptor_pb2.DescriptorProto]) -> set[str] | None:
    """Every field name a JSON body of `type_name` may use, or None when some part of it takes free keys."""
    names: set[str] = set()
    todo, seen = [type_name], set()
    while todo:
        current = todo.pop()
        if current in seen or current in OPAQUE:
            continue
        seen.add(current)
        message = messages[current]
        if message.options.map_entry:
            return None
        for field in message.field:
            names.update({field.name, field.json_name})
            if field.type == descriptor_pb2.FieldDescriptorProto.TYPE_MESSAGE:
                if field.type_name in (".google.protobuf.Struct", ".google.protobuf.Value"):
                    return None
                todo.append(field.type_name)
    return names


def _pattern(template: str) -> str:
    literal = re.split(r"(\{[^}]+\})", template)
    parts = ["[^/]+" if p.startswith("{") else re.sub(r"([%^$().\[\]*+\-?])", r"%\1", p) for p in literal]
    return "^" + "".join(parts) + "$"


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render() -> str:
    files = list(descriptor_pb2.FileDescriptorSet.FromString(DESCRIPTORS.read_bytes()).file)
    messages = _messages(files)
    rows = []
    for file in files:
        for service in file.service:
            for method in service.method:
                if not method.options.HasExtension(annotations_pb2.http):
                    continue
                rule = method.options.Extensions[annotations_pb2.http]
                verb = rule.WhichOneof("pattern")
                assert verb is not None, method.name
                assert verb != "custom", method.name
                names = _names(method.input_type, messages) if rule.body else set()
                if names is None:
                    fields = "nil"
                else:
                    fields = "{" + ", ".join(f"[{_lua_string(n)}] = true" for n in sorted(names)) + "}"
                pattern = _pattern(getattr(rule, verb))
                rows.append(
                    f"  -- {file.package}.{service.name}/{method.name}\n"
                    f"  {{{_lua_string(verb.upper())}, {_lua_string(pattern)}, {fields}}},"
                )
    head = (
        "-- Generated by tools/gen_envoy_lua.py from deploy/envoy/callwire.binpb (make generate); do not edit.\n"
        "-- The Lua filter of deploy/envoy/envoy.yaml: refuses unknown JSON fields, applies the error\n"
        "-- table's HTTP status.\n\n"
        "-- Each REST binding: HTTP method, path pattern, the field names its JSON body may use.\n"
        "ROUTES = {\n"
    )
    return head + "\n".join(rows) + "\n}\n" + LOGIC


def main() -> int:
    OUT.write_text(render(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

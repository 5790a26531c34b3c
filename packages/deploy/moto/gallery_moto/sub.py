"""Fn::Sub with a variable map whose names start with a digit, on moto.

moto 5.2.5 substitutes the variables of `Fn::Sub: [template, {name: value}]` with Python's
string.Template, whose names cannot start with a digit; CloudFormation's can, and
serverless-step-functions names the function of each Task state by an md5 hex digest
(`${6f8d9f23…}`). moto then reads the `${6f8d9f23…}` it left as a Ref to a resource of that name
and fails the stack (services/workflows' state machines). This substitutes every variable of the
map by its exact name first, as CloudFormation does, and hands moto the rest of the expression.
Importing the module installs it.
"""

from typing import Any

from moto.cloudformation import parsing

_clean_json = parsing.clean_json


def clean_json(resource_json: Any, resources_map: Any) -> Any:
    if isinstance(resource_json, dict) and isinstance(resource_json.get("Fn::Sub"), list):
        template, variables = resource_json["Fn::Sub"]
        for name, value in variables.items():
            template = template.replace("${" + name + "}", str(clean_json(value, resources_map)))
        return _clean_json({"Fn::Sub": template}, resources_map)
    return _clean_json(resource_json, resources_map)


# parsing.py calls clean_json by its module-level name, recursively: replacing it there is enough.
parsing.clean_json = clean_json

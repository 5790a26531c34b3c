"""CloudFormation handler for AWS::ApiGatewayV2::Api on moto.

moto 5.2.5 emulates the API Gateway v2 API (CreateApi, GetApi) but its CloudFormation skips every
AWS::ApiGatewayV2 type, so a stack's `Ref HttpApi` and its HttpApiId output stay empty and compose
cannot pass an API's id to another stack (the monitoring stack's dashboard reads both APIs' ids).
This handler creates the API itself with moto's backend, as CloudFormation would; its routes,
integrations, stage and authorizer remain unemulated (checked from the template). Importing the
module registers it, like cognito.py.
"""

from typing import Any

from moto.apigatewayv2.models import apigatewayv2_backends
from moto.cloudformation.exceptions import UnformattedGetAttTemplateException
from moto.core.common_models import CloudFormationModel


class HttpApi(CloudFormationModel):
    def __init__(self, api: Any) -> None:
        self.api = api

    @staticmethod
    def cloudformation_type() -> str:
        return "AWS::ApiGatewayV2::Api"

    @staticmethod
    def cloudformation_name_type() -> str:
        return "Name"

    @property
    def physical_resource_id(self) -> str:
        return self.api.api_id

    @classmethod
    def has_cfn_attr(cls, attr: str) -> bool:
        return attr in ("ApiEndpoint", "ApiId")

    def get_cfn_attribute(self, attribute_name: str) -> str:
        if attribute_name == "ApiEndpoint":
            return self.api.api_endpoint
        if attribute_name == "ApiId":
            return self.api.api_id
        raise UnformattedGetAttTemplateException()

    @classmethod
    def create_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str, **kwargs: Any
    ) -> "HttpApi":
        properties = cloudformation_json.get("Properties", {})
        backend = apigatewayv2_backends[account_id][region_name]
        return cls(
            backend.create_api(
                api_key_selection_expression=properties.get("ApiKeySelectionExpression"),
                cors_configuration=properties.get("CorsConfiguration"),
                description=properties.get("Description"),
                disable_schema_validation=properties.get("DisableSchemaValidation"),
                disable_execute_api_endpoint=properties.get("DisableExecuteApiEndpoint"),
                name=properties.get("Name") or resource_name,
                protocol_type=properties.get("ProtocolType"),
                route_selection_expression=properties.get("RouteSelectionExpression"),
                tags=properties.get("Tags") or {},
                version=properties.get("Version"),
            )
        )

    @classmethod
    def update_from_cloudformation_json(  # type: ignore[misc]
        cls, original_resource: Any, new_resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> "HttpApi":
        # The properties osls sets (name, description, CORS) never change the API's id.
        return original_resource

    @classmethod
    def delete_from_cloudformation_json(  # type: ignore[misc]
        cls, resource_name: str, cloudformation_json: Any, account_id: str, region_name: str
    ) -> None:
        apigatewayv2_backends[account_id][region_name].delete_api(resource_name)

    def is_created(self) -> bool:
        return True

"""The 2.x async API as data: one row per method of ``ofsc.async_client`` (213), from the
survey of 2.x (``ofsc`` 2.27, ``ofsc/async_client/``) and checked against it by the tests.

Each row gives the method's sub-API, name, parameters (a Python parameter list, defaults
included), the request (``"METHOD /path/{placeholder}"``, placeholders named after the
parameters), what it returns (a class of :mod:`ofsc.v2.models`, ``"None"``, ``"bytes"`` or
``"dict"``), the v3 endpoint method it corresponds to, and, where there is one, the parameter
sent as the body. ``stub`` rows raised ``NotImplementedError`` in 2.x and still do;
``custom`` rows are written out in :mod:`._apis` (the async generators). How a row becomes
a request is :mod:`._requests`'s job.
"""

from __future__ import annotations

import ast
import inspect
from dataclasses import dataclass
from functools import cached_property

API_NAMES = ("core", "metadata", "capacity", "statistics", "oauth2")


@dataclass(frozen=True)
class MethodSpec:
    """One 2.x async method."""

    api: str
    name: str
    parameters: str  # "activity_id, offset=0, limit=100" (keyword-only after "*")
    http: str | None  # "GET /rest/ofscCore/v1/activities/{activity_id}"
    returns: str | None  # "Activity", "None", "bytes", "dict", "Workzone | None"...
    v3: str | None  # "core.get_activity": the v3 endpoint method
    body: str | None = None  # the parameter sent as the request body
    stub: bool = False  # 2.x raised NotImplementedError
    custom: bool = False  # written out by hand

    @cached_property
    def signature(self) -> inspect.Signature:
        """The 2.x signature, ``self`` first."""
        function = ast.parse(f"def f(self, {self.parameters}): pass").body[0]
        assert isinstance(function, ast.FunctionDef)
        arguments = function.args
        kind = inspect.Parameter
        params = [kind(a.arg, kind.POSITIONAL_OR_KEYWORD) for a in arguments.args]
        defaults = [ast.literal_eval(d) for d in arguments.defaults]
        for index, default in enumerate(defaults, start=len(params) - len(defaults)):
            params[index] = params[index].replace(default=default)
        for argument, default_node in zip(arguments.kwonlyargs, arguments.kw_defaults, strict=True):
            default = inspect.Parameter.empty if default_node is None else ast.literal_eval(default_node)
            params.append(kind(argument.arg, kind.KEYWORD_ONLY, default=default))
        if arguments.kwarg is not None:
            params.append(kind(arguments.kwarg.arg, kind.VAR_KEYWORD))
        return inspect.Signature(params)

    @property
    def method(self) -> str:
        return (self.http or " ").split(" ", 1)[0]

    @property
    def path(self) -> str:
        return (self.http or " ").split(" ", 1)[1]


M = MethodSpec

# fmt: off
METHODS: tuple[MethodSpec, ...] = (
    M('core', 'get_activities', 'params, offset=0, limit=100', 'GET /rest/ofscCore/v1/activities', 'ActivityListResponse', 'core.get_activities'),
    M('core', 'get_activity', 'activity_id', 'GET /rest/ofscCore/v1/activities/{activity_id}', 'Activity', 'core.get_activity'),
    M('core', 'create_activity', 'activity', 'POST /rest/ofscCore/v1/activities', 'Activity', 'core.create_activity', body='activity'),
    M('core', 'update_activity', 'activity_id, data', 'PATCH /rest/ofscCore/v1/activities/{activity_id}', 'Activity', 'core.update_activity', body='data'),
    M('core', 'delete_activity', 'activity_id', 'DELETE /rest/ofscCore/v1/activities/{activity_id}', 'None', 'core.delete_activity'),
    M('core', 'search_activities', 'params', None, None, None, stub=True),
    M('core', 'move_activity', 'activity_id, data', None, None, None, stub=True),
    M('core', 'bulk_update', 'data', None, None, None, stub=True),
    M('core', 'get_capacity_categories', 'activity_id', 'GET /rest/ofscCore/v1/activities/{activity_id}/capacityCategories', 'ActivityCapacityCategoriesResponse', 'core.get_capacity_categories'),
    M('core', 'get_customer_inventories', 'activity_id, offset=0, limit=100', 'GET /rest/ofscCore/v1/activities/{activity_id}/customerInventories', 'InventoryListResponse', 'core.get_customer_inventories'),
    M('core', 'create_customer_inventory', 'activity_id, inventory', 'POST /rest/ofscCore/v1/activities/{activity_id}/customerInventories', 'Inventory', 'core.create_customer_inventory', body='inventory'),
    M('core', 'get_deinstalled_inventories', 'activity_id, offset=0, limit=100', 'GET /rest/ofscCore/v1/activities/{activity_id}/deinstalledInventories', 'InventoryListResponse', 'core.get_deinstalled_inventories'),
    M('core', 'get_file_property', 'activity_id, label, media_type="application/octet-stream"', 'GET /rest/ofscCore/v1/activities/{activity_id}/{label}', 'bytes', 'core.get_file_property'),
    M('core', 'set_file_property', 'activity_id, label, content, media_type, filename=None', 'PUT /rest/ofscCore/v1/activities/{activity_id}/{label}', 'None', 'core.set_file_property', body='content'),
    M('core', 'delete_file_property', 'activity_id, label', 'DELETE /rest/ofscCore/v1/activities/{activity_id}/{label}', 'None', 'core.delete_file_property'),
    M('core', 'get_installed_inventories', 'activity_id, offset=0, limit=100', 'GET /rest/ofscCore/v1/activities/{activity_id}/installedInventories', 'InventoryListResponse', 'core.get_installed_inventories'),
    M('core', 'get_linked_activities', 'activity_id', 'GET /rest/ofscCore/v1/activities/{activity_id}/linkedActivities', 'LinkedActivitiesResponse', 'core.get_linked_activities'),
    M('core', 'link_activities', 'activity_id, link', 'POST /rest/ofscCore/v1/activities/{activity_id}/linkedActivities', 'LinkedActivity', 'core.link_activities', body='link'),
    M('core', 'unlink_activities', 'activity_id', 'DELETE /rest/ofscCore/v1/activities/{activity_id}/linkedActivities', 'None', 'core.unlink_activities'),
    M('core', 'get_activity_link', 'activity_id, linked_activity_id, link_type', 'GET /rest/ofscCore/v1/activities/{activity_id}/linkedActivities/{linked_activity_id}/linkTypes/{link_type}', 'LinkedActivity', 'core.get_activity_link'),
    M('core', 'set_activity_link', 'activity_id, linked_activity_id, link_type, data', 'PUT /rest/ofscCore/v1/activities/{activity_id}/linkedActivities/{linked_activity_id}/linkTypes/{link_type}', 'LinkedActivity', 'core.set_activity_link', body='data'),
    M('core', 'delete_activity_link', 'activity_id, linked_activity_id, link_type', 'DELETE /rest/ofscCore/v1/activities/{activity_id}/linkedActivities/{linked_activity_id}/linkTypes/{link_type}', 'None', 'core.delete_activity_link'),
    M('core', 'get_required_inventories', 'activity_id', 'GET /rest/ofscCore/v1/activities/{activity_id}/requiredInventories', 'RequiredInventoriesResponse', 'core.get_required_inventories'),
    M('core', 'set_required_inventories', 'activity_id, inventories', 'PUT /rest/ofscCore/v1/activities/{activity_id}/requiredInventories', 'None', 'core.set_required_inventories', body='inventories'),
    M('core', 'delete_required_inventories', 'activity_id', 'DELETE /rest/ofscCore/v1/activities/{activity_id}/requiredInventories', 'None', 'core.delete_required_inventories'),
    M('core', 'get_resource_preferences', 'activity_id', 'GET /rest/ofscCore/v1/activities/{activity_id}/resourcePreferences', 'ResourcePreferencesResponse', 'core.get_resource_preferences'),
    M('core', 'set_resource_preferences', 'activity_id, preferences', 'PUT /rest/ofscCore/v1/activities/{activity_id}/resourcePreferences', 'None', 'core.set_resource_preferences', body='preferences'),
    M('core', 'delete_resource_preferences', 'activity_id', 'DELETE /rest/ofscCore/v1/activities/{activity_id}/resourcePreferences', 'None', 'core.delete_resource_preferences'),
    M('core', 'get_submitted_forms', 'activity_id, offset=0, limit=100', 'GET /rest/ofscCore/v1/activities/{activity_id}/submittedForms', 'SubmittedFormsResponse', 'core.get_submitted_forms'),
    M('core', 'get_multiday_segments', 'activity_id', 'GET /rest/ofscCore/v1/activities/{activity_id}/multidaySegments', 'MultidaySegmentListResponse', 'core.get_multiday_segments'),
    M('core', 'get_events', 'params', 'GET /rest/ofscCore/v1/events', 'EventListResponse', 'core.get_events'),
    M('core', 'get_daily_extract_dates', '', 'GET /rest/ofscCore/v1/folders/dailyExtract/folders/', 'DailyExtractFolders', 'core.get_daily_extract_dates'),
    M('core', 'get_daily_extract_files', 'date', 'GET /rest/ofscCore/v1/folders/dailyExtract/folders/{date}/files', 'DailyExtractFiles', 'core.get_daily_extract_files'),
    M('core', 'get_daily_extract_file', 'date, filename', 'GET /rest/ofscCore/v1/folders/dailyExtract/folders/{date}/files/{filename}', 'bytes', 'core.get_daily_extract_file'),
    M('core', 'create_subscription', 'subscription', 'POST /rest/ofscCore/v1/events/subscriptions', 'Subscription', 'core.create_subscription', body='subscription'),
    M('core', 'delete_subscription', 'subscription_id', 'DELETE /rest/ofscCore/v1/events/subscriptions/{subscription_id}', 'None', 'core.delete_subscription'),
    M('core', 'get_subscription', 'subscription_id', 'GET /rest/ofscCore/v1/events/subscriptions/{subscription_id}', 'Subscription', 'core.get_subscription_details'),
    M('core', 'get_subscriptions', '', 'GET /rest/ofscCore/v1/events/subscriptions', 'SubscriptionListResponse', 'core.get_subscriptions'),
    M('core', 'get_all_activities', '*, root=None, date_from=None, date_to=None, activity_fields=None, additional_fields=None, initial_offset=0, include_non_scheduled=False, limit=5000', None, 'OFSResponseList[Activity]', None, stub=True),
    M('core', 'get_all_properties', 'initial_offset=0, limit=100', None, None, None, stub=True),
    M('core', 'get_assigned_locations', 'resource_id, date_from, date_to', 'GET /rest/ofscCore/v1/resources/{resource_id}/assignedLocations', 'AssignedLocationsResponse', 'core.get_assigned_locations'),
    M('core', 'get_calendars', 'resources, date_from, date_to', 'GET /rest/ofscCore/v1/calendars', 'CalendarsListResponse', 'core.get_calendars'),
    M('core', 'get_position_history', 'resource_id, position_date', 'GET /rest/ofscCore/v1/resources/{resource_id}/positionHistory', 'PositionHistoryResponse', 'core.get_position_history'),
    M('core', 'get_resource', 'resource_id, expand_inventories=False, expand_workskills=False, expand_workzones=False, expand_workschedules=False', 'GET /rest/ofscCore/v1/resources/{resource_id}', 'Resource', 'core.get_resource'),
    M('core', 'get_resource_assistants', 'resource_id, date_from, date_to', 'GET /rest/ofscCore/v1/resources/{resource_id}/assistants', 'ResourceAssistantsResponse', 'core.get_resource_assistants'),
    M('core', 'get_resource_calendar', 'resource_id, date_from, date_to', 'GET /rest/ofscCore/v1/resources/{resource_id}/workSchedules/calendarView', 'CalendarView', 'core.get_resource_calendar'),
    M('core', 'get_resource_children', 'resource_id, offset=0, limit=100', 'GET /rest/ofscCore/v1/resources/{resource_id}/children', 'ResourceListResponse', 'core.get_resource_children'),
    M('core', 'get_resource_descendants', 'resource_id, offset=0, limit=100, fields=None, expand_inventories=False, expand_workskills=False, expand_workzones=False, expand_workschedules=False', 'GET /rest/ofscCore/v1/resources/{resource_id}/descendants', 'ResourceListResponse', 'core.get_resource_descendants'),
    M('core', 'get_resource_inventories', 'resource_id', 'GET /rest/ofscCore/v1/resources/{resource_id}/inventories', 'InventoryListResponse', 'core.get_resource_inventories'),
    M('core', 'get_resource_location', 'resource_id, location_id', 'GET /rest/ofscCore/v1/resources/{resource_id}/locations/{location_id}', 'Location', 'core.get_resource_location'),
    M('core', 'get_resource_locations', 'resource_id', 'GET /rest/ofscCore/v1/resources/{resource_id}/locations', 'LocationListResponse', 'core.get_resource_locations'),
    M('core', 'get_resource_plans', 'resource_id, date_from, date_to', 'GET /rest/ofscCore/v1/resources/{resource_id}/plans', 'ResourcePlansResponse', 'core.get_resource_plans'),
    M('core', 'get_resource_route', 'resource_id, route_date, offset=0, limit=100', 'GET /rest/ofscCore/v1/resources/{resource_id}/routes/{route_date.isoformat()}', 'ResourceRouteResponse', 'core.get_resource_route'),
    M('core', 'get_resource_users', 'resource_id', 'GET /rest/ofscCore/v1/resources/{resource_id}/users', 'ResourceUsersListResponse', 'core.get_resource_users'),
    M('core', 'get_resource_workschedules', 'resource_id, actual_date', 'GET /rest/ofscCore/v1/resources/{resource_id}/workSchedules', 'ResourceWorkScheduleResponse', 'core.get_resource_workschedules'),
    M('core', 'get_resource_workskills', 'resource_id', 'GET /rest/ofscCore/v1/resources/{resource_id}/workSkills', 'ResourceWorkskillListResponse', 'core.get_resource_workskills'),
    M('core', 'get_resource_workzones', 'resource_id', 'GET /rest/ofscCore/v1/resources/{resource_id}/workZones', 'ResourceWorkzoneListResponse', 'core.get_resource_workzones'),
    M('core', 'get_resources', 'offset=0, limit=100, fields=None, expand_inventories=False, expand_workskills=False, expand_workzones=False, expand_workschedules=False', 'GET /rest/ofscCore/v1/resources', 'ResourceListResponse', 'core.get_resources'),
    M('core', 'get_all_resources', 'limit=100, fields=None, expand_inventories=False, expand_workskills=False, expand_workzones=False, expand_workschedules=False', None, 'AsyncGenerator[Resource, None]', None, custom=True),
    M('core', 'create_resource', 'resource_id, data', 'PUT /rest/ofscCore/v1/resources/{resource_id}', 'Resource', 'core.create_resource', body='data'),
    M('core', 'create_resource_from_obj', 'resource_id, data', 'PUT /rest/ofscCore/v1/resources/{resource_id}', 'Resource', 'core.create_resource', body='data'),
    M('core', 'update_resource', 'resource_id, data, identify_by_internal_id=False', 'PATCH /rest/ofscCore/v1/resources/{resource_id}', 'Resource', 'core.update_resource', body='data'),
    M('core', 'set_resource_users', '*, resource_id, users', 'PUT /rest/ofscCore/v1/resources/{resource_id}/users', 'ResourceUsersListResponse', 'core.set_resource_users', body='users'),
    M('core', 'delete_resource_users', 'resource_id', 'DELETE /rest/ofscCore/v1/resources/{resource_id}/users', 'None', 'core.delete_resource_users'),
    M('core', 'set_resource_workschedules', 'resource_id, data', 'POST /rest/ofscCore/v1/resources/{resource_id}/workSchedules', 'ResourceWorkScheduleResponse', 'core.set_resource_workschedules', body='data'),
    M('core', 'bulk_update_resource_workzones', '*, data', 'POST /rest/ofscCore/v1/resources/custom-actions/bulkUpdateWorkZones', 'dict', 'core.bulk_update_resource_workzones', body='data'),
    M('core', 'bulk_update_resource_workskills', '*, data', 'POST /rest/ofscCore/v1/resources/custom-actions/bulkUpdateWorkSkills', 'dict', 'core.bulk_update_resource_workskills', body='data'),
    M('core', 'bulk_update_resource_workschedules', '*, data', 'POST /rest/ofscCore/v1/resources/custom-actions/bulkUpdateWorkSchedules', 'dict', 'core.bulk_update_resource_workschedules', body='data'),
    M('core', 'create_resource_location', 'resource_id, *, location', 'POST /rest/ofscCore/v1/resources/{resource_id}/locations', 'Location', 'core.create_resource_location', body='location'),
    M('core', 'delete_resource_location', 'resource_id, location_id', 'DELETE /rest/ofscCore/v1/resources/{resource_id}/locations/{location_id}', 'None', 'core.delete_resource_location'),
    M('core', 'set_assigned_locations', 'resource_id, data', 'PUT /rest/ofscCore/v1/resources/{resource_id}/assignedLocations', 'AssignedLocationsResponse', 'core.set_assigned_locations', body='data'),
    M('core', 'create_resource_inventory', 'resource_id, inventory_data', 'POST /rest/ofscCore/v1/resources/{resource_id}/inventories', 'Inventory', 'core.create_resource_inventory', body='inventory_data'),
    M('core', 'install_resource_inventory', 'resource_id, inventory_id', 'POST /rest/ofscCore/v1/resources/{resource_id}/inventories/{inventory_id}/custom-actions/install', 'Inventory', 'core.install_resource_inventory'),
    M('core', 'set_resource_workskills', 'resource_id, workskills', 'POST /rest/ofscCore/v1/resources/{resource_id}/workSkills', 'ResourceWorkskillListResponse', 'core.set_resource_workskills', body='workskills'),
    M('core', 'delete_resource_workskill', 'resource_id, workskill', 'DELETE /rest/ofscCore/v1/resources/{resource_id}/workSkills/{workskill}', 'None', 'core.delete_resource_workskill'),
    M('core', 'set_resource_workzones', 'resource_id, workzones', 'POST /rest/ofscCore/v1/resources/{resource_id}/workZones', 'ResourceWorkzoneListResponse', 'core.set_resource_workzones', body='workzones'),
    M('core', 'delete_resource_workzone', 'resource_id, workzone_item_id', 'DELETE /rest/ofscCore/v1/resources/{resource_id}/workZones/{workzone_item_id}', 'None', 'core.delete_resource_workzone'),
    M('core', 'delete_resource_workschedule', 'resource_id, schedule_item_id', 'DELETE /rest/ofscCore/v1/resources/{resource_id}/workSchedules/{schedule_item_id}', 'None', 'core.delete_resource_workschedule'),
    M('core', 'update_resource_location', 'resource_id, location_id, data', 'PATCH /rest/ofscCore/v1/resources/{resource_id}/locations/{location_id}', 'Location', 'core.update_resource_location', body='data'),
    M('core', 'get_resource_file_property', 'resource_id, property_label, media_type="application/octet-stream"', 'GET /rest/ofscCore/v1/resources/{encoded_resource_id}/{label}', 'bytes', 'core.get_resource_file_property'),
    M('core', 'set_resource_file_property', 'resource_id, property_label, content, filename, content_type="application/octet-stream"', 'PUT /rest/ofscCore/v1/resources/{encoded_resource_id}/{label}', 'None', 'core.set_resource_file_property', body='content'),
    M('core', 'delete_resource_file_property', 'resource_id, property_label', 'DELETE /rest/ofscCore/v1/resources/{encoded_resource_id}/{label}', 'None', 'core.delete_resource_file_property'),
    M('core', 'get_users', 'offset=0, limit=100', 'GET /rest/ofscCore/v1/users', 'UserListResponse', 'core.get_users'),
    M('core', 'get_user', 'login', 'GET /rest/ofscCore/v1/users/{encoded_login}', 'User', 'core.get_user'),
    M('core', 'create_user', 'login, data', 'PUT /rest/ofscCore/v1/users/{encoded_login}', 'User', 'core.create_user', body='data'),
    M('core', 'update_user', 'login, data', 'PATCH /rest/ofscCore/v1/users/{encoded_login}', 'User', 'core.update_user', body='data'),
    M('core', 'delete_user', 'login', 'DELETE /rest/ofscCore/v1/users/{encoded_login}', 'None', 'core.delete_user'),
    M('core', 'get_user_property', 'login, property_label', 'GET /rest/ofscCore/v1/users/{encoded_login}/{label}', 'bytes', 'core.get_user_property'),
    M('core', 'set_user_property', 'login, property_label, content, filename, content_type="application/octet-stream"', 'PUT /rest/ofscCore/v1/users/{encoded_login}/{label}', 'None', 'core.set_user_property', body='content'),
    M('core', 'delete_user_property', 'login, property_label', 'DELETE /rest/ofscCore/v1/users/{encoded_login}/{label}', 'None', 'core.delete_user_property'),
    M('core', 'get_user_collab_groups', 'login', 'GET /rest/ofscCore/v1/users/{encoded_login}/collaborationGroups', 'CollaborationGroupsResponse', 'core.get_user_collab_groups'),
    M('core', 'set_user_collab_groups', 'login, groups', 'POST /rest/ofscCore/v1/users/{encoded_login}/collaborationGroups', 'CollaborationGroupsResponse', 'core.set_user_collab_groups', body='groups'),
    M('core', 'delete_user_collab_groups', 'login', 'DELETE /rest/ofscCore/v1/users/{encoded_login}/collaborationGroups', 'None', 'core.delete_user_collab_groups'),
    M('core', 'create_inventory', 'data', 'POST /rest/ofscCore/v1/inventories', 'Inventory', 'core.create_inventory', body='data'),
    M('core', 'get_inventory', 'inventory_id', 'GET /rest/ofscCore/v1/inventories/{inventory_id}', 'Inventory', 'core.get_inventory'),
    M('core', 'update_inventory', 'inventory_id, data', 'PATCH /rest/ofscCore/v1/inventories/{inventory_id}', 'Inventory', 'core.update_inventory', body='data'),
    M('core', 'delete_inventory', 'inventory_id', 'DELETE /rest/ofscCore/v1/inventories/{inventory_id}', 'None', 'core.delete_inventory'),
    M('core', 'get_inventory_property', 'inventory_id, label', 'GET /rest/ofscCore/v1/inventories/{inventory_id}/{label}', 'bytes', 'core.get_inventory_property'),
    M('core', 'set_inventory_property', 'inventory_id, label, content, filename, content_type="application/octet-stream"', 'PUT /rest/ofscCore/v1/inventories/{inventory_id}/{label}', 'None', 'core.set_inventory_property', body='content'),
    M('core', 'delete_inventory_property', 'inventory_id, label', 'DELETE /rest/ofscCore/v1/inventories/{inventory_id}/{label}', 'None', 'core.delete_inventory_property'),
    M('core', 'inventory_install', 'inventory_id, data=None', 'POST /rest/ofscCore/v1/inventories/{inventory_id}/custom-actions/install', 'Inventory', 'core.inventory_install', body='data'),
    M('core', 'inventory_deinstall', 'inventory_id, data=None', 'POST /rest/ofscCore/v1/inventories/{inventory_id}/custom-actions/deinstall', 'Inventory', 'core.inventory_deinstall', body='data'),
    M('core', 'inventory_undo_install', 'inventory_id, data=None', 'POST /rest/ofscCore/v1/inventories/{inventory_id}/custom-actions/undoInstall', 'Inventory', 'core.inventory_undo_install', body='data'),
    M('core', 'inventory_undo_deinstall', 'inventory_id, data=None', 'POST /rest/ofscCore/v1/inventories/{inventory_id}/custom-actions/undoDeinstall', 'Inventory', 'core.inventory_undo_deinstall', body='data'),
    M('metadata', 'get_activity_type_groups', 'offset=0, limit=100', 'GET /rest/ofscMetadata/v1/activityTypeGroups', 'ActivityTypeGroupListResponse', 'metadata.get_activity_type_groups'),
    M('metadata', 'get_activity_type_group', 'label', 'GET /rest/ofscMetadata/v1/activityTypeGroups/{label}', 'ActivityTypeGroup', 'metadata.get_activity_type_group'),
    M('metadata', 'create_or_replace_activity_type_group', 'data', 'PUT /rest/ofscMetadata/v1/activityTypeGroups/{label}', 'ActivityTypeGroup', 'metadata.create_or_replace_activity_type_group', body='data'),
    M('metadata', 'get_activity_types', 'offset=0, limit=100', 'GET /rest/ofscMetadata/v1/activityTypes', 'ActivityTypeListResponse', 'metadata.get_activity_types'),
    M('metadata', 'get_activity_type', 'label', 'GET /rest/ofscMetadata/v1/activityTypes/{label}', 'ActivityType', 'metadata.get_activity_type'),
    M('metadata', 'create_or_replace_activity_type', 'data', 'PUT /rest/ofscMetadata/v1/activityTypes/{label}', 'ActivityType', 'metadata.create_or_replace_activity_type', body='data'),
    M('metadata', 'get_applications', '', 'GET /rest/ofscMetadata/v1/applications', 'ApplicationListResponse', 'metadata.get_applications'),
    M('metadata', 'get_application', 'label', 'GET /rest/ofscMetadata/v1/applications/{label}', 'Application', 'metadata.get_application'),
    M('metadata', 'get_application_api_accesses', 'label', 'GET /rest/ofscMetadata/v1/applications/{label}/apiAccess', 'ApplicationApiAccessListResponse', 'metadata.get_application_api_accesses'),
    M('metadata', 'get_application_api_access', 'label, access_id', 'GET /rest/ofscMetadata/v1/applications/{label}/apiAccess/{encoded_access_id}', 'ApplicationApiAccess', 'metadata.get_application_api_access'),
    M('metadata', 'create_or_replace_application', 'data', 'PUT /rest/ofscMetadata/v1/applications/{label}', 'Application', 'metadata.create_or_replace_application', body='data'),
    M('metadata', 'update_application_api_access', 'label, api_label, data', 'PATCH /rest/ofscMetadata/v1/applications/{label}/apiAccess/{encoded_api_label}', 'ApplicationApiAccess', 'metadata.update_application_api_access', body='data'),
    M('metadata', 'generate_application_client_secret', 'label', 'POST /rest/ofscMetadata/v1/applications/{label}/custom-actions/generateClientSecret', 'dict', 'metadata.generate_application_client_secret'),
    M('metadata', 'get_capacity_areas', 'expandParent=False, fields=None, activeOnly=False, areasOnly=False', 'GET /rest/ofscMetadata/v1/capacityAreas', 'CapacityAreaListResponse', 'metadata.get_capacity_areas'),
    M('metadata', 'get_capacity_area', 'label', 'GET /rest/ofscMetadata/v1/capacityAreas/{label}', 'CapacityArea', 'metadata.get_capacity_area'),
    M('metadata', 'get_capacity_area_capacity_categories', 'label', 'GET /rest/ofscMetadata/v1/capacityAreas/{label}/capacityCategories', 'CapacityAreaCapacityCategoriesResponse', 'metadata.get_capacity_area_capacity_categories'),
    M('metadata', 'get_capacity_area_workzones', 'label', 'GET /rest/ofscMetadata/v2/capacityAreas/{label}/workZones', 'CapacityAreaWorkZonesResponse', 'metadata.get_capacity_area_workzones'),
    M('metadata', 'get_capacity_area_workzones_v1', 'label', 'GET /rest/ofscMetadata/v1/capacityAreas/{label}/workZones', 'CapacityAreaWorkZonesV1Response', 'metadata.get_capacity_area_workzones_v1'),
    M('metadata', 'get_capacity_area_time_slots', 'label', 'GET /rest/ofscMetadata/v1/capacityAreas/{label}/timeSlots', 'CapacityAreaTimeSlotsResponse', 'metadata.get_capacity_area_time_slots'),
    M('metadata', 'get_capacity_area_time_intervals', 'label', 'GET /rest/ofscMetadata/v1/capacityAreas/{label}/timeIntervals', 'CapacityAreaTimeIntervalsResponse', 'metadata.get_capacity_area_time_intervals'),
    M('metadata', 'get_capacity_area_organizations', 'label', 'GET /rest/ofscMetadata/v1/capacityAreas/{label}/organizations', 'CapacityAreaOrganizationsResponse', 'metadata.get_capacity_area_organizations'),
    M('metadata', 'get_capacity_area_children', 'label, status=None, fields=None, expand=None, type=None', 'GET /rest/ofscMetadata/v1/capacityAreas/{label}/children', 'CapacityAreaChildrenResponse', 'metadata.get_capacity_area_children'),
    M('metadata', 'get_capacity_categories', 'offset=0, limit=100', 'GET /rest/ofscMetadata/v1/capacityCategories', 'CapacityCategoryListResponse', 'metadata.get_capacity_categories'),
    M('metadata', 'get_capacity_category', 'label', 'GET /rest/ofscMetadata/v1/capacityCategories/{label}', 'CapacityCategory', 'metadata.get_capacity_category'),
    M('metadata', 'create_or_replace_capacity_category', 'data', 'PUT /rest/ofscMetadata/v1/capacityCategories/{label}', 'CapacityCategory', 'metadata.create_or_replace_capacity_category', body='data'),
    M('metadata', 'delete_capacity_category', 'label', 'DELETE /rest/ofscMetadata/v1/capacityCategories/{label}', 'None', 'metadata.delete_capacity_category'),
    M('metadata', 'get_forms', 'offset=0, limit=100', 'GET /rest/ofscMetadata/v1/forms', 'FormListResponse', 'metadata.get_forms'),
    M('metadata', 'get_form', 'label', 'GET /rest/ofscMetadata/v1/forms/{label}', 'Form', 'metadata.get_form'),
    M('metadata', 'create_or_replace_form', 'data', 'PUT /rest/ofscMetadata/v1/forms/{label}', 'Form', 'metadata.create_or_replace_form', body='data'),
    M('metadata', 'delete_form', 'label', 'DELETE /rest/ofscMetadata/v1/forms/{label}', 'None', 'metadata.delete_form'),
    M('metadata', 'get_inventory_types', 'offset=0, limit=100', 'GET /rest/ofscMetadata/v1/inventoryTypes', 'InventoryTypeListResponse', 'metadata.get_inventory_types'),
    M('metadata', 'get_inventory_type', 'label', 'GET /rest/ofscMetadata/v1/inventoryTypes/{label}', 'InventoryType', 'metadata.get_inventory_type'),
    M('metadata', 'create_or_replace_inventory_type', 'data', 'PUT /rest/ofscMetadata/v1/inventoryTypes/{label}', 'InventoryType', 'metadata.create_or_replace_inventory_type', body='data'),
    M('metadata', 'get_languages', 'offset=0, limit=100', 'GET /rest/ofscMetadata/v1/languages', 'LanguageListResponse', 'metadata.get_languages'),
    M('metadata', 'get_language', 'label', None, 'Language', None, stub=True),
    M('metadata', 'get_link_templates', 'offset=0, limit=100', 'GET /rest/ofscMetadata/v1/linkTemplates', 'LinkTemplateListResponse', 'metadata.get_link_templates'),
    M('metadata', 'get_link_template', 'label', 'GET /rest/ofscMetadata/v1/linkTemplates/{label}', 'LinkTemplate', 'metadata.get_link_template'),
    M('metadata', 'create_link_template', 'data', 'POST /rest/ofscMetadata/v1/linkTemplates', 'LinkTemplate', None),
    M('metadata', 'update_link_template', 'data', 'PATCH /rest/ofscMetadata/v1/linkTemplates/{label}', 'LinkTemplate', 'metadata.update_link_template', body='data'),
    M('metadata', 'get_map_layers', 'offset=0, limit=100', 'GET /rest/ofscMetadata/v1/mapLayers', 'MapLayerListResponse', 'metadata.get_map_layers'),
    M('metadata', 'get_map_layer', 'label', 'GET /rest/ofscMetadata/v1/mapLayers/{label}', 'MapLayer', 'metadata.get_map_layer'),
    M('metadata', 'create_or_replace_map_layer', 'data', 'PUT /rest/ofscMetadata/v1/mapLayers/{label}', 'MapLayer', 'metadata.create_or_replace_map_layer', body='data'),
    M('metadata', 'create_map_layer', 'data', 'POST /rest/ofscMetadata/v1/mapLayers', 'MapLayer', 'metadata.create_map_layer', body='data'),
    M('metadata', 'populate_map_layers', 'data', 'POST /rest/ofscMetadata/v1/mapLayers/custom-actions/populateLayers', 'None', 'metadata.populate_map_layers', body='data'),
    M('metadata', 'get_populate_map_layers_status', 'download_id', 'GET /rest/ofscMetadata/v1/mapLayers/custom-actions/populateLayers/{download_id}', 'PopulateStatusResponse', 'metadata.get_populate_map_layers_status'),
    M('metadata', 'get_non_working_reasons', 'offset=0, limit=100', 'GET /rest/ofscMetadata/v1/nonWorkingReasons', 'NonWorkingReasonListResponse', 'metadata.get_non_working_reasons'),
    M('metadata', 'get_non_working_reason', 'label', None, 'NonWorkingReason', None, stub=True),
    M('metadata', 'get_organizations', '', 'GET /rest/ofscMetadata/v1/organizations', 'OrganizationListResponse', 'metadata.get_organizations'),
    M('metadata', 'get_organization', 'label', 'GET /rest/ofscMetadata/v1/organizations/{label}', 'Organization', 'metadata.get_organization'),
    M('metadata', 'import_plugin_file', 'plugin', 'POST /rest/ofscMetadata/v1/plugins/custom-actions/import', 'None', 'metadata.import_plugin', body='plugin'),
    M('metadata', 'import_plugin', 'plugin', 'POST /rest/ofscMetadata/v1/plugins/custom-actions/import', 'None', 'metadata.import_plugin', body='plugin'),
    M('metadata', 'install_plugin', 'plugin_label', 'POST /rest/ofscMetadata/v1/plugins/{label}/custom-actions/install', 'dict', 'metadata.install_plugin'),
    M('metadata', 'get_properties', 'offset=0, limit=100', 'GET /rest/ofscMetadata/v1/properties', 'PropertyListResponse', 'metadata.get_properties'),
    M('metadata', 'get_property', 'label', 'GET /rest/ofscMetadata/v1/properties/{label}', 'Property', 'metadata.get_property'),
    M('metadata', 'create_or_replace_property', 'property', 'PUT /rest/ofscMetadata/v1/properties/{label}', 'Property', 'metadata.create_or_replace_property', body='property'),
    M('metadata', 'update_property', 'property', 'PATCH /rest/ofscMetadata/v1/properties/{label}', 'Property', 'metadata.update_property', body='property'),
    M('metadata', 'get_enumeration_values', 'label, offset=0, limit=100', 'GET /rest/ofscMetadata/v1/properties/{label}/enumerationList', 'EnumerationValueList', 'metadata.get_enumeration_values'),
    M('metadata', 'create_or_update_enumeration_value', 'label, value', 'PUT /rest/ofscMetadata/v1/properties/{label}/enumerationList', 'EnumerationValueList', 'metadata.create_or_update_enumeration_value', body='value'),
    M('metadata', 'get_resource_types', '', 'GET /rest/ofscMetadata/v1/resourceTypes', 'ResourceTypeListResponse', 'metadata.get_resource_types'),
    M('metadata', 'get_routing_profiles', 'offset=0, limit=100', 'GET /rest/ofscMetadata/v1/routingProfiles', 'RoutingProfileList', 'metadata.get_routing_profiles'),
    M('metadata', 'get_routing_profile_plans', 'profile_label, offset=0, limit=100', 'GET /rest/ofscMetadata/v1/routingProfiles/{label}/plans', 'RoutingPlanList', 'metadata.get_routing_profile_plans'),
    M('metadata', 'export_routing_plan', 'profile_label, plan_label', 'GET /rest/ofscMetadata/v1/routingProfiles/{profile_label}/plans/{plan_label}/custom-actions/export', 'RoutingPlanData', 'metadata.export_routing_plan'),
    M('metadata', 'export_plan_file', 'profile_label, plan_label', 'GET /rest/ofscMetadata/v1/routingProfiles/{profile_label}/plans/{plan_label}/custom-actions/export', 'bytes', 'metadata.export_routing_plan'),
    M('metadata', 'import_routing_plan', 'profile_label, plan_data', 'PUT /rest/ofscMetadata/v1/routingProfiles/{profile_label}/plans/custom-actions/import', 'None', 'metadata.import_routing_plan', body='plan_data'),
    M('metadata', 'force_import_routing_plan', 'profile_label, plan_data', 'PUT /rest/ofscMetadata/v1/routingProfiles/{profile_label}/plans/custom-actions/forceImport', 'None', 'metadata.force_import_routing_plan', body='plan_data'),
    M('metadata', 'start_routing_plan', 'profile_label, plan_label, resource_external_id, date', 'POST /rest/ofscMetadata/v1/routingProfiles/{profile_label}/plans/{plan_label}/{resource_external_id}/{date}/custom-actions/start', 'None', 'metadata.start_routing_plan'),
    M('metadata', 'get_shifts', 'offset=0, limit=100', 'GET /rest/ofscMetadata/v1/shifts', 'ShiftListResponse', 'metadata.get_shifts'),
    M('metadata', 'get_shift', 'label', 'GET /rest/ofscMetadata/v1/shifts/{label}', 'Shift', 'metadata.get_shift'),
    M('metadata', 'create_or_replace_shift', 'data', 'PUT /rest/ofscMetadata/v1/shifts/{label}', 'Shift', 'metadata.create_or_replace_shift', body='data'),
    M('metadata', 'delete_shift', 'label', 'DELETE /rest/ofscMetadata/v1/shifts/{label}', 'None', 'metadata.delete_shift'),
    M('metadata', 'get_time_slots', 'offset=0, limit=100', 'GET /rest/ofscMetadata/v1/timeSlots', 'TimeSlotListResponse', 'metadata.get_time_slots'),
    M('metadata', 'get_time_slot', 'label', None, 'TimeSlot', None, stub=True),
    M('metadata', 'get_workskills', 'offset=0, limit=100', 'GET /rest/ofscMetadata/v1/workSkills', 'WorkskillListResponse', 'metadata.get_workskills'),
    M('metadata', 'get_workskill', 'label', 'GET /rest/ofscMetadata/v1/workSkills/{label}', 'Workskill', 'metadata.get_workskill'),
    M('metadata', 'create_or_update_workskill', 'skill', 'PUT /rest/ofscMetadata/v1/workSkills/{label}', 'Workskill', 'metadata.create_or_update_workskill', body='skill'),
    M('metadata', 'delete_workskill', 'label', 'DELETE /rest/ofscMetadata/v1/workSkills/{label}', 'None', 'metadata.delete_workskill'),
    M('metadata', 'get_workskill_conditions', '', 'GET /rest/ofscMetadata/v1/workSkillConditions', 'WorkskillConditionList', 'metadata.get_workskill_conditions'),
    M('metadata', 'replace_workskill_conditions', 'data', 'PUT /rest/ofscMetadata/v1/workSkillConditions', 'WorkskillConditionList', 'metadata.replace_workskill_conditions', body='data'),
    M('metadata', 'get_workskill_groups', '', 'GET /rest/ofscMetadata/v1/workSkillGroups', 'WorkskillGroupListResponse', 'metadata.get_workskill_groups'),
    M('metadata', 'get_workskill_group', 'label', 'GET /rest/ofscMetadata/v1/workSkillGroups/{label}', 'WorkskillGroup', 'metadata.get_workskill_group'),
    M('metadata', 'create_or_update_workskill_group', 'data', 'PUT /rest/ofscMetadata/v1/workSkillGroups/{label}', 'WorkskillGroup', 'metadata.create_or_update_workskill_group', body='data'),
    M('metadata', 'delete_workskill_group', 'label', 'DELETE /rest/ofscMetadata/v1/workSkillGroups/{label}', 'None', 'metadata.delete_workskill_group'),
    M('metadata', 'get_workzones', 'offset=0, limit=100', 'GET /rest/ofscMetadata/v1/workZones', 'WorkzoneListResponse', 'metadata.get_workzones'),
    M('metadata', 'get_workzone', 'label', 'GET /rest/ofscMetadata/v1/workZones/{label}', 'Workzone', 'metadata.get_workzone'),
    M('metadata', 'get_all_workzones', 'limit=100', None, 'AsyncGenerator[Workzone, None]', None, custom=True),
    M('metadata', 'create_workzone', 'workzone', 'POST /rest/ofscMetadata/v1/workZones', 'Workzone', 'metadata.create_workzone', body='workzone'),
    M('metadata', 'replace_workzone', 'workzone, auto_resolve_conflicts=False', 'PUT /rest/ofscMetadata/v1/workZones/{workzone.workZoneLabel}', 'Workzone | None', 'metadata.replace_workzone', body='workzone'),
    M('metadata', 'replace_workzones', 'data', 'PUT /rest/ofscMetadata/v1/workZones', 'WorkzoneListResponse', 'metadata.replace_workzones', body='data'),
    M('metadata', 'update_workzones', 'data', 'PATCH /rest/ofscMetadata/v1/workZones', 'WorkzoneListResponse', 'metadata.update_workzones', body='data'),
    M('metadata', 'populate_workzone_shapes', 'data', 'POST /rest/ofscMetadata/v1/workZones/custom-actions/populateShapes', 'None', 'metadata.populate_workzone_shapes', body='data'),
    M('metadata', 'get_populate_workzone_shapes_status', 'download_id', 'GET /rest/ofscMetadata/v1/workZones/custom-actions/populateShapes/{download_id}', 'PopulateStatusResponse', 'metadata.get_populate_workzone_shapes_status'),
    M('metadata', 'get_workzone_key', '', 'GET /rest/ofscMetadata/v1/workZoneKey', 'WorkZoneKeyResponse', 'metadata.get_workzone_key'),
    M('capacity', 'get_available_capacity', 'dates, areas=None, categories=None, aggregateResults=None, availableTimeIntervals="all", calendarTimeIntervals="all", fields=None', 'GET /rest/ofscCapacity/v1/capacity', 'GetCapacityResponse', 'capacity.get_available_capacity'),
    M('capacity', 'get_quota', 'dates, areas=None, categories=None, aggregateResults=None, categoryLevel=None, intervalLevel=None, returnStatuses=None, timeSlotLevel=None', 'GET /rest/ofscCapacity/v2/quota', 'GetQuotaResponse', 'capacity.get_quota'),
    M('capacity', 'update_quota', 'data', 'PATCH /rest/ofscCapacity/v2/quota', 'QuotaUpdateResponse', 'capacity.update_quota', body='data'),
    M('capacity', 'get_activity_booking_options', 'dates, areas=None, activityType=None, duration=None, workSkills=None, timeSlots=None, categories=None, languageCode=None, timeZone=None, resourceId=None, activityId=None, workZone=None, determineAreaByWorkZone=None, aggregateResults=None, returnAvailableSlots=None, returnStatuses=None, **kwargs', 'GET /rest/ofscCapacity/v1/activityBookingOptions', 'ActivityBookingOptionsResponse', 'capacity.get_activity_booking_options'),
    M('capacity', 'get_booking_closing_schedule', 'areas', 'GET /rest/ofscCapacity/v1/bookingClosingSchedule', 'BookingClosingScheduleResponse', 'capacity.get_booking_closing_schedule'),
    M('capacity', 'update_booking_closing_schedule', 'data', 'PATCH /rest/ofscCapacity/v1/bookingClosingSchedule', 'BookingClosingScheduleResponse', 'capacity.update_booking_closing_schedule', body='data'),
    M('capacity', 'get_booking_statuses', 'dates, areas=None', 'GET /rest/ofscCapacity/v1/bookingStatuses', 'BookingStatusesResponse', 'capacity.get_booking_statuses'),
    M('capacity', 'update_booking_statuses', 'data', 'PATCH /rest/ofscCapacity/v1/bookingStatuses', 'BookingStatusesResponse', 'capacity.update_booking_statuses', body='data'),
    M('capacity', 'show_booking_grid', 'data', 'POST /rest/ofscCapacity/v1/showBookingGrid', 'ShowBookingGridResponse', 'capacity.show_booking_grid', body='data'),
    M('capacity', 'get_booking_fields_dependencies', 'areas=None', 'GET /rest/ofscCapacity/v1/bookingFieldsDependencies', 'BookingFieldsDependenciesResponse', 'capacity.get_booking_fields_dependencies'),
    M('statistics', 'get_activity_duration_stats', 'resource_id=None, include_children=None, akey=None, offset=0, limit=100', 'GET /rest/ofscStatistics/v1/activityDurationStats', 'ActivityDurationStatsList', 'statistics.get_activity_duration_stats'),
    M('statistics', 'get_activity_travel_stats', 'region=None, tkey=None, fkey=None, key_id=None, offset=0, limit=100', 'GET /rest/ofscStatistics/v1/activityTravelStats', 'ActivityTravelStatsList', 'statistics.get_activity_travel_stats'),
    M('statistics', 'get_airline_distance_based_travel', 'level=None, key=None, distance=None, key_id=None, offset=0, limit=100', 'GET /rest/ofscStatistics/v1/airlineDistanceBasedTravel', 'AirlineDistanceBasedTravelList', 'statistics.get_airline_distance_based_travel'),
    M('statistics', 'update_activity_duration_stats', 'data', 'PATCH /rest/ofscStatistics/v1/activityDurationStats', 'StatisticsPatchResponse', 'statistics.update_activity_duration_stats', body='data'),
    M('statistics', 'update_activity_travel_stats', 'data', 'PATCH /rest/ofscStatistics/v1/activityTravelStats', 'StatisticsPatchResponse', 'statistics.update_activity_travel_stats', body='data'),
    M('statistics', 'update_airline_distance_based_travel', 'data', 'PATCH /rest/ofscStatistics/v1/airlineDistanceBasedTravel', 'StatisticsPatchResponse', 'statistics.update_airline_distance_based_travel', body='data'),
    M('oauth2', 'get_token', 'request=None', 'POST /rest/oauthTokenService/v2/token', 'OAuthTokenResponse', 'auth.get_token', custom=True),
)
# fmt: on


def methods_of(api: str) -> tuple[MethodSpec, ...]:
    return tuple(m for m in METHODS if m.api == api)


def method_spec(api: str, name: str) -> MethodSpec:
    return next(m for m in METHODS if m.api == api and m.name == name)

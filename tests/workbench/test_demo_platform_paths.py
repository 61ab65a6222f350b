"""The demo mimics the platform's paths (demo/platform_paths.py): Studio's save
decides authorship with studio_user_permissions, Studio's preview and staff
viewing as a learner refuse writes, the LMS never lets anyone author."""

from leergang_xblocks.core import platform
from tests.support.workbench import Participant, demo_trust_scan, new_student_id, scenario_of


SAVE = {"values": {}, "defaults": []}


def test_studio_save_path_lets_course_team_save_and_refuses_others():
    usage = demo_trust_scan()
    assert Participant(new_student_id("staff"), path="studio").post(usage, "submit_studio_edits", SAVE).status_code == 200
    refused = Participant(new_student_id("learner"), path="studio").post(usage, "submit_studio_edits", SAVE)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "authors_only"


def test_nobody_authors_through_the_lms():
    response = Participant(new_student_id("staff"), path="lms").post(demo_trust_scan(), "submit_studio_edits", SAVE)
    assert response.status_code == 403 and response.json()["error"]["code"] == "authors_only"


def test_studio_user_service_is_shaped_like_load_services_for_studio():
    from demo import platform_paths
    token = platform_paths.current_path.set(platform_paths.STUDIO)
    try:
        runtime = platform_paths.DemoRuntime("staff_olga")
        block = runtime.get_block(demo_trust_scan())
        attrs = runtime.service(block, "user").get_current_user().opt_attrs
        assert attrs[platform.ATTR_IS_STAFF] is False and attrs[platform.ATTR_USER_ROLE] == "student"
        assert attrs[platform.ATTR_ANONYMOUS_ID] is None
        assert runtime.service(block, "studio_user_permissions").can_write("course-v1:x+y+z")
    finally:
        platform_paths.current_path.reset(token)


def test_viewing_as_a_learner_is_shaped_like_the_lms_masquerading_as_a_student():
    """access.py: no staff access while masquerading as a student, so no staff flag
    and role "student"; the anonymous id stays the staff member's own."""
    from demo import platform_paths
    own = platform_paths.DemoRuntime("staff_olga")
    own_attrs = own.service(own.get_block(demo_trust_scan()), "user").get_current_user().opt_attrs
    token = platform_paths.current_view_as_learner.set(True)
    try:
        runtime = platform_paths.DemoRuntime("staff_olga")
        attrs = runtime.service(runtime.get_block(demo_trust_scan()), "user").get_current_user().opt_attrs
    finally:
        platform_paths.current_view_as_learner.reset(token)
    assert own_attrs[platform.ATTR_IS_STAFF] is True
    assert attrs[platform.ATTR_IS_STAFF] is False and attrs[platform.ATTR_USER_ROLE] == "student"
    assert attrs[platform.ATTR_ANONYMOUS_ID] == own_attrs[platform.ATTR_ANONYMOUS_ID]
    assert runtime.wrappers == []  # the specific-learner wrapper is not on this path


def test_the_lms_has_no_studio_permissions_service():
    from demo import platform_paths
    runtime = platform_paths.DemoRuntime("staff_olga")
    assert runtime.service(runtime.get_block(demo_trust_scan()), "studio_user_permissions") is None


def test_preview_refuses_writes_and_says_so():
    usage = demo_trust_scan()
    author = Participant(new_student_id("staff"), path="preview")
    response = author.post(usage, "save_draft", {"answers": {}, "version": 0})
    assert response.status_code == 403 and response.json()["error"]["code"] == "read_only_preview"
    assert author.get(usage, "results").status_code == 200
    page = author.client.get(f"/studio/preview/{scenario_of(usage)}/?student={author.student_id}")
    assert page.status_code == 200
    assert "Answers are not saved here." in page.content.decode()
    assert "/studio/preview/handler/" in page.content.decode()


def test_staff_viewing_as_a_learner_cannot_write_for_them():
    usage = demo_trust_scan()
    learner = Participant(new_student_id("learner"))
    saved = learner.post(usage, "save_draft", {"answers": {}, "version": 0})
    assert saved.status_code == 200
    staff = Participant(new_student_id("staff"), masquerade=learner.student_id)
    response = staff.post(usage, "save_draft", {"answers": {}, "version": saved.json()["version"]})
    assert response.status_code == 403 and response.json()["error"]["code"] == "read_only_preview"
    assert staff.get(usage, "results").status_code == 200
    # The learner's draft is still the one they saved: the next version is theirs.
    again = learner.post(usage, "save_draft", {"answers": {}, "version": saved.json()["version"]})
    assert again.status_code == 200
    page = staff.client.get(f"/scenario/{scenario_of(usage)}/?student={staff.student_id}"
                            f"&masquerade={learner.student_id}").content.decode()
    assert "Answers are not saved here." in page


def test_staff_viewing_as_a_learner_in_general_cannot_write_once_seen_as_staff():
    """"View as: Learner": the staff member's own runtime without the staff flag.
    Having seen them as staff in this course, the blocks refuse their writes."""
    usage = demo_trust_scan()
    staff_id = new_student_id("staff")
    assert Participant(staff_id).page(scenario_of(usage)).status_code == 200  # seen as staff
    viewing = Participant(staff_id, view_as_learner=True)
    response = viewing.post(usage, "save_draft", {"answers": {}, "version": 0})
    assert response.status_code == 403 and response.json()["error"]["code"] == "read_only_preview"
    page = viewing.page(scenario_of(usage)).content.decode()
    assert "Answers are not saved here." in page and "&view_as=learner" in page
    assert "leergang-staff-report\" aria-live" not in page


def test_only_staff_can_view_as_a_learner_in_general():
    usage = demo_trust_scan()
    learner_id = new_student_id("learner")
    Participant(learner_id).page(scenario_of(usage))
    assert Participant(learner_id, view_as_learner=True).post(
        usage, "save_draft", {"answers": {}, "version": 0}).status_code == 200


def test_only_staff_can_view_as_someone_else():
    usage = demo_trust_scan()
    peer = Participant(new_student_id("learner"), masquerade=new_student_id("learner"))
    assert peer.post(usage, "save_draft", {"answers": {}, "version": 0}).status_code == 200


def test_the_studio_editor_page_sends_its_save_down_studios_path():
    usage = demo_trust_scan()
    author = Participant(new_student_id("staff"), path="studio")
    page = author.client.get(f"/scenario/{scenario_of(usage)}/studio_view/?student={author.student_id}")
    html = page.content.decode()
    assert page.status_code == 200
    assert "handlerBaseUrl = '/studio/handler/'" in html
    assert "Studio: editing this block" in html

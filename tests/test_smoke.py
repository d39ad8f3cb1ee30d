from django.test import Client

from tests.conftest import World


def test_dashboard_shows_cooperation_name(world: World, anonymous_client: Client) -> None:
    response = anonymous_client.get(f"/{world.cooperation.slug}/")
    assert response.status_code == 200
    assert world.cooperation.name in response.content.decode()

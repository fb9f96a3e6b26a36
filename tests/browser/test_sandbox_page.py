"""The sandbox page itself: members, channels, the command bar built from the registered commands,
autocomplete, mentions and timestamps rendered, and driver refusals shown clearly."""

from __future__ import annotations

from playwright.sync_api import expect


def leaf_commands(commands: list[dict]) -> set[str]:
    out = set()
    for cmd in commands:
        if cmd["type"] != 1:
            continue
        subs = [o for o in cmd.get("options") or [] if o["type"] in (1, 2)]
        if not subs:
            out.add(cmd["name"])
        for sub in subs:
            if sub["type"] == 1:
                out.add(f"{cmd['name']} {sub['name']}")
            else:
                out.update(f"{cmd['name']} {sub['name']} {leaf['name']}" for leaf in sub.get("options") or [])
    return out


def test_members_channels_and_every_registered_command(sandbox, open_page) -> None:
    state = sandbox.state()
    people = {m["name"]: m["kind"] for m in state["members"] if not m["bot"]}
    assert sorted(people.values()) == ["admin", "creator", "creator", "creator", "moderator", "organiser"]
    assert {c["name"] for c in state["all_channels"]} >= {"announcements", "resources", "moderation", "general"}

    creator = open_page("Bilal Ahmed")
    page = creator.page
    pickable = page.locator("#member-picker option").all_inner_texts()
    assert len(pickable) == 6 and any("زینب" in p for p in pickable)
    # #moderation is private to moderators and admins, as the sandbox seeds it
    expect(page.locator(".channel[data-name='general']")).to_be_visible()
    expect(page.locator(".channel[data-name='moderation']")).to_have_count(0)

    page.click("#command-button")
    listed = set(page.locator(".command-item").evaluate_all("items => items.map(i => i.dataset.command)"))
    assert listed == leaf_commands(state["commands"]) and {"event create", "report", "setup"} <= listed
    # the message command is offered on every message
    assert any(c["type"] == 3 and c["name"] == "Report message" for c in state["commands"])
    page.keyboard.press("Escape")

    # /setup needs Manage Server: Discord hides it, the driver refuses, the page says why
    creator.open_command("setup")
    expect(page.locator("#command-hidden-note")).to_be_visible()
    page.click("#command-run")
    expect(page.locator("#command-error")).to_contain_text("cannot see /setup")

    # ... and when forced (as if an admin had made it visible), the bot itself refuses, ephemerally
    page.check("#command-force")
    page.click("#command-run")
    refusal = page.locator("#messages article.message.ephemeral").last
    expect(refusal).to_contain_text("Only you can see this")
    expect(refusal).to_contain_text("Manage Server")


def test_admin_sees_setup_rendered_and_autocomplete(sandbox, open_page) -> None:
    admin = open_page("Ayesha Khan")
    page = admin.page
    # the /setup the sandbox ran as the admin: channel and role mentions shown as names
    reply = page.locator("#messages article.message.ephemeral", has_text="Settings saved")
    expect(reply).to_be_visible()
    expect(reply).to_contain_text("#announcements")
    expect(reply).to_contain_text("@Moderator")
    assert "<#" not in reply.inner_text() and "<@&" not in reply.inner_text()
    expect(page.locator(".channel[data-name='moderation']")).to_be_visible()

    admin.open_command("setup")
    page.fill("#opt-timezone", "Karach")
    option = page.locator(".field[data-option='timezone'] .ac-item", has_text="Asia/Karachi")
    expect(option.first).to_be_visible()
    option.first.click()
    expect(page.locator("#opt-timezone")).to_have_value("Asia/Karachi")
    page.locator("#opt-reminders").fill("1d,1h")
    page.click("#command-run")
    expect(page.locator("#messages article.message.ephemeral").last).to_contain_text("Asia/Karachi")

    # a plain message with mentions, markdown and a timestamp, posted as the admin
    organiser = sandbox.member("Omar Farooq")["id"]
    general = sandbox.channel("general")["id"]
    admin.post(f"Welcome <@{organiser}>! See <#{general}> and **read** `the rules` before <t:1795525200:F>")
    message = admin.message_with("Welcome")
    expect(message).to_contain_text("@Omar Farooq")
    expect(message.locator("strong")).to_have_text("read")
    expect(message.locator("code")).to_have_text("the rules")
    expect(message.locator("time.ts")).to_have_count(1)
    assert "<t:" not in message.inner_text()

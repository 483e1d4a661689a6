"""A small browser for the test client: follow links, tick boxes, choose options and press buttons of the page as
served, counting each as one click. What is sent is what the page's form would send, nothing made up."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin


@dataclass
class Control:
    tag: str
    attrs: dict[str, str]


@dataclass
class Form:
    attrs: dict[str, str]
    controls: list[Control] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[Form] = []
        self.links: list[tuple[dict[str, str], str]] = []
        self._form: Form | None = None
        self._link: dict[str, str] | None = None
        self._text: list[str] = []
        self._textarea: Control | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = Form(attributes)
            self.forms.append(self._form)
        elif tag in ("input", "button", "textarea") and self._form is not None:
            control = Control(tag, attributes)
            self._form.controls.append(control)
            self._textarea = control if tag == "textarea" else None
        elif tag == "a":
            self._link, self._text = attributes, []

    def handle_data(self, data: str) -> None:
        self._text.append(data)
        if self._textarea is not None:
            self._textarea.attrs["value"] = self._textarea.attrs.get("value", "") + data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea":
            self._textarea = None
        elif tag == "a" and self._link is not None:
            self.links.append((self._link, " ".join("".join(self._text).split())))
            self._link = None


class Browser:
    """One person at the client's controls; `clicks` counts what they did."""

    def __init__(self, client: Any) -> None:
        self.client, self.clicks, self.url, self.response = client, 0, "", None

    def open(self, url: str) -> Any:
        return self._load(self.client.get(url), url)

    def _load(self, response: Any, url: str) -> Any:
        while response.status_code in (301, 302):
            url = urljoin(url, response["Location"])
            response = self.client.get(url)
        self.url, self.response = url, response
        parser = _Parser()
        parser.feed(response.content.decode())
        self.forms, self.links = parser.forms, parser.links
        return response

    def follow(self, text: str) -> Any:
        """Click the link whose text holds `text`."""
        href = next(attrs["href"] for attrs, label in self.links if text in label)
        self.clicks += 1
        return self.open(urljoin(self.url, href))

    def form_with(self, **attrs: str) -> Form:
        """The form holding a control with these attributes."""
        return next(
            f for f in self.forms if any(all(c.attrs.get(k) == v for k, v in attrs.items()) for c in f.controls)
        )

    def tick(self, form: Form, **attrs: str) -> None:
        """Tick a checkbox or choose a radio button (one click)."""
        for control in form.controls:
            same_group = control.attrs.get("name") == attrs.get("name") and control.attrs.get("type") == "radio"
            if all(control.attrs.get(k) == v for k, v in attrs.items()):
                control.attrs["checked"] = ""
            elif same_group:
                control.attrs.pop("checked", None)
        self.clicks += 1

    def press(self, form: Form, **attrs: str) -> Any:
        """Press a submit button of the form: what the browser would send, as the form says."""
        button = next(
            c for c in form.controls if c.tag == "button" and all(c.attrs.get(k) == v for k, v in attrs.items())
        )
        data: dict[str, list[str]] = {}
        for control in form.controls:
            kind, name = control.attrs.get("type", "text"), control.attrs.get("name")
            if (
                not name
                or control.tag == "button"
                or (kind in ("checkbox", "radio") and "checked" not in control.attrs)
            ):
                continue
            data.setdefault(name, []).append(control.attrs.get("value", "on" if kind == "checkbox" else ""))
        if button.attrs.get("name"):
            data.setdefault(button.attrs["name"], []).append(button.attrs.get("value", ""))
        self.clicks += 1
        target = urljoin(self.url, form.attrs.get("action") or self.url)
        return self._load(self.client.post(target, data), target)

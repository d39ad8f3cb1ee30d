"""KERN classes on form widgets: each kind of control gets its own look."""

from __future__ import annotations

from django import forms

from ikz.ui.forms import KernForm


class Choices(KernForm):
    many = forms.MultipleChoiceField(
        choices=[("a", "A"), ("b", "B")], widget=forms.CheckboxSelectMultiple
    )
    one = forms.ChoiceField(choices=[("a", "A"), ("b", "B")], widget=forms.RadioSelect)
    flag = forms.BooleanField(required=False)
    text = forms.CharField()
    pick = forms.ChoiceField(choices=[("a", "A")])


def test_multiple_choice_renders_square_checkboxes_not_radio_circles() -> None:
    form = Choices()
    assert form.fields["many"].widget.attrs["class"] == "kern-form-check__checkbox"
    assert 'type="checkbox" name="many" value="a" class="kern-form-check__checkbox"' in str(
        form["many"]
    )
    assert form.fields["one"].widget.attrs["class"] == "kern-form-check__radio"
    assert form.fields["flag"].widget.attrs["class"] == "kern-form-check__checkbox"
    assert form.fields["text"].widget.attrs["class"] == "kern-form-input__input"
    assert form.fields["pick"].widget.attrs["class"] == "kern-form-input__select"

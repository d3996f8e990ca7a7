namespace HealthDw.Generator.Data;

/// <summary>Synthetic first and last names, including non-ASCII spellings (José, Zoë, Nguyễn).</summary>
internal static class Names
{
    public static readonly NamePool Female = new(
        "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen",
        "Lisa", "Nancy", "Betty", "Sandra", "Ashley", "Emily", "Donna", "Michelle", "Amanda", "Melissa",
        "Stephanie", "Rebecca", "Laura", "Sharon", "Zoë", "Renée", "Chloé", "María", "Inés", "Siobhán",
        "Aaliyah", "Priya", "Mei", "Fatima", "Olga", "Ayşe", "Léa", "Ngọc", "Hannah", "Grace");

    public static readonly NamePool Male = new(
        "James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas", "Charles",
        "Christopher", "Daniel", "Matthew", "Anthony", "Mark", "Steven", "Paul", "Andrew", "Joshua", "Kevin",
        "Brian", "George", "José", "André", "Björn", "Søren", "Łukasz", "François", "Jürgen", "Raj",
        "Wei", "Kwame", "Mohammed", "Hiroshi", "Diego", "Tomás", "Ömer", "Minh", "Samuel", "Ethan");

    public static readonly NamePool Last = new(
        "Smith", "Johnson", "Williams", "Brown", "Jones", "García", "Miller", "Davis", "Rodríguez", "Martínez",
        "Hernández", "López", "González", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Pérez", "Thompson", "White", "Harris", "Sánchez", "Clark", "Ramírez", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyễn", "Hill", "Flores",
        "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter", "Roberts",
        "Müller", "O'Brien", "Núñez", "Kowalski", "Øvergaard", "Trần", "Đặng", "Patel", "Kim", "Chen",
        "Okafor", "Schäfer", "Van der Berg", "Al-Sayed", "Dubois", "Novák", "Yılmaz");
}

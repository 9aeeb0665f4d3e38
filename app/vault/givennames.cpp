#include "vault/givennames.h"

#include <QSet>
#include <QString>

namespace minutes {

namespace {

// English, Spanish/Portuguese, French, German/Dutch/Nordic, Italian, Slavic, Hebrew, Arabic,
// Persian/Turkish, South Asian, East and South-East Asian, African given names.
constexpr const char *const kNames[] = {
    // English-speaking
    "aaron", "abigail", "adam", "adrian", "alan", "albert", "alex", "alexander", "alexandra",
    "alice", "alison", "allison", "amanda", "amber", "amy", "andrea", "andrew", "andy", "angela",
    "anna", "anne", "annie", "anthony", "arthur", "ashley", "austin", "barbara", "ben", "benjamin",
    "beth", "betty", "bill", "billy", "bob", "bobby", "brad", "bradley", "brandon", "brenda",
    "brian", "bruce", "bryan", "caleb", "cameron", "carl", "carol", "caroline", "catherine",
    "charles", "charlie", "charlotte", "chris", "christian", "christina", "christine",
    "christopher", "chuck", "cindy", "claire", "colin", "connor", "craig", "cynthia", "dan",
    "daniel", "danny", "dave", "david", "deb", "debbie", "deborah", "dennis", "derek", "diana",
    "diane", "donald", "donna", "doug", "douglas", "dylan", "ed", "eddie", "edward", "elizabeth",
    "ellen", "emily", "emma", "eric", "erica", "erin", "ethan", "eugene", "evan", "frank", "fred",
    "gary", "gavin", "george", "gerald", "gloria", "grace", "greg", "gregory", "hannah", "harold",
    "harry", "heather", "helen", "henry", "holly", "ian", "isaac", "jack", "jacob", "jake",
    "james", "jamie", "jane", "janet", "jared", "jason", "jeff", "jeffrey", "jen", "jenn",
    "jennifer", "jenny", "jeremy", "jerry", "jesse", "jessica", "jill", "jim", "jimmy", "joan",
    "joe", "joel", "john", "johnny", "jon", "jonathan", "jordan", "joseph", "josh", "joshua",
    "joyce", "judy", "julia", "julie", "justin", "karen", "kate", "katherine", "kathleen",
    "kathy", "katie", "keith", "kelly", "ken", "kenneth", "kevin", "kim", "kimberly", "kyle",
    "larry", "laura", "lauren", "linda", "lisa", "logan", "lori", "louis", "lucas", "luke",
    "margaret", "maria", "marie", "mark", "martha", "martin", "mary", "matt", "matthew", "megan",
    "melissa", "michael", "michelle", "mike", "nancy", "natalie", "nathan", "neil", "nicholas",
    "nick", "nicole", "noah", "olivia", "pam", "pamela", "pat", "patricia", "patrick", "paul",
    "peter", "phil", "philip", "rachel", "ralph", "randy", "ray", "raymond", "rebecca", "richard",
    "rick", "rob", "robert", "robin", "rod", "roger", "ron", "ronald", "ruth", "ryan", "sam",
    "samantha", "samuel", "sandra", "sara", "sarah", "scott", "sean", "sharon", "shawn",
    "shirley", "sophia", "stephanie", "stephen", "steve", "steven", "sue", "susan", "tara",
    "ted", "teresa", "terry", "thomas", "tim", "timothy", "tina", "todd", "tom", "tony", "tracy",
    "travis", "tyler", "victoria", "vince", "vincent", "walter", "wayne", "wendy", "william",
    "zach", "zachary",
    // Spanish, Portuguese, Latin American
    "alejandro", "ana", "antonio", "beatriz", "camila", "carlos", "carmen", "diego", "eduardo",
    "fernando", "francisco", "gabriel", "gabriela", "guillermo", "ines", "javier", "jorge",
    "jose", "juan", "juana", "lucia", "luis", "manuel", "marcos", "mariana", "miguel", "pablo",
    "pedro", "rafael", "ricardo", "rodrigo", "santiago", "sergio", "sofia", "valentina",
    "joao", "thiago", "rui", "paulo",
    // French
    "amelie", "antoine", "benoit", "camille", "claude", "elodie", "etienne", "francois",
    "guillaume", "jacques", "jean", "julien", "louise", "mathieu", "nicolas", "olivier",
    "pierre", "sebastien", "sylvie", "thierry", "yves",
    // German, Dutch, Nordic
    "anja", "bjorn", "dieter", "erik", "felix", "frida", "hans", "heike", "ingrid", "jan",
    "jens", "jurgen", "karl", "klaus", "lars", "lena", "lukas", "maarten", "magnus", "matthias",
    "nils", "olaf", "sanne", "sven", "ulrich", "uwe", "wolfgang",
    // Italian
    "alessandro", "chiara", "davide", "francesca", "giovanni", "giulia", "giuseppe", "lorenzo",
    "luca", "marco", "matteo", "paola", "roberto", "simone",
    // Slavic, Baltic, Greek
    "aleksandr", "alexei", "anastasia", "andrei", "boris", "dmitri", "dmitry", "igor", "irina",
    "ivan", "katarzyna", "marek", "natasha", "nikolai", "olga", "pavel", "piotr", "sergei",
    "svetlana", "tomasz", "vladimir", "yuri", "dimitris", "eleni", "giorgos", "nikos",
    // Hebrew
    "amit", "avi", "avraham", "dana", "eitan", "eyal", "gal", "guy", "itai", "lior", "moshe",
    "noa", "noam", "ofer", "omer", "oren", "ronen", "shai", "shira", "tal", "uri", "yael",
    "yaron", "yossi", "yuval", "ziv",
    // Arabic, Persian, Turkish
    "ahmed", "ali", "amir", "fatima", "hassan", "hussein", "karim", "khalid", "layla", "mohamed",
    "mohammad", "mohammed", "mustafa", "nadia", "omar", "rami", "samir", "tariq", "yasmin",
    "youssef", "zainab", "arash", "dariush", "farhad", "mehdi", "parisa", "reza", "shirin",
    "ayse", "burak", "can", "elif", "emre", "mehmet", "murat",
    // South Asian
    "aarav", "aditya", "amitabh", "anand", "anil", "anita", "arjun", "deepa", "deepak",
    "ganesh", "gaurav", "kavita", "krishna", "lakshmi", "manish", "meera", "neha", "nikhil",
    "pooja", "prakash", "priya", "rahul", "raj", "rajesh", "ravi", "rohan", "sanjay", "sunil",
    "sunita", "suresh", "vijay", "vikram",
    // East and South-East Asian
    "chen", "hiroshi", "jun", "kenji", "li", "mei", "min", "ming", "takeshi", "wei", "xin",
    "yuki", "haruto", "sakura", "akira", "jiho", "minjun", "seo-yeon", "ji-woo", "hyun",
    "linh", "minh", "thanh", "siti", "putri", "budi",
    // African
    "abebe", "ade", "amara", "chidi", "chinedu", "kwame", "kofi", "nia", "obinna", "oluwaseun",
    "thabo", "zanele", "tendai", "wanjiru",
};

const QSet<QString> &nameSet()
{
    static const QSet<QString> set = [] {
        QSet<QString> names;
        for (const char *name : kNames)
            names.insert(QString::fromLatin1(name));
        return names;
    }();
    return set;
}

// "Benoît" and "José" match their unaccented forms in the list.
QString foldAccents(QStringView name)
{
    const QString decomposed = name.toString().normalized(QString::NormalizationForm_D);
    QString folded;
    folded.reserve(decomposed.size());
    for (const QChar c : decomposed) {
        if (c.category() != QChar::Mark_NonSpacing)
            folded.append(c.toLower());
    }
    return folded;
}

} // namespace

bool GivenNames::contains(QStringView name)
{
    if (name.isEmpty())
        return false;
    return nameSet().contains(foldAccents(name));
}

} // namespace minutes
